import CSystemd
import Glibc
import Logging

/// Sends one structured entry to journald with sd_journal_sendv(3) (Swift cannot call the variadic sd_journal_send).
enum JournalEntry {
    /// False when journald did not take the entry (no socket), so the caller can fall back to stderr.
    static func send(
        message: String, level: Logger.Level, identifier: String,
        file: String, line: UInt, function: String, metadata: Logger.Metadata
    ) -> Bool {
        // All fields go into one buffer and the iovecs point into it: two allocations per entry, not one per field.
        var buffer: [UInt8] = []
        buffer.reserveCapacity(256 + message.utf8.count)
        var ranges: [(start: Int, count: Int)] = []
        ranges.reserveCapacity(6 + metadata.count)

        func field(_ name: String, _ value: String) {
            let start = buffer.count
            buffer.append(contentsOf: name.utf8)
            buffer.append(UInt8(ascii: "="))
            buffer.append(contentsOf: value.utf8)
            ranges.append((start, buffer.count - start))
        }

        field("MESSAGE", message)
        field("PRIORITY", String(JournalPriority.syslog(level)))
        field("SYSLOG_IDENTIFIER", identifier)
        field("CODE_FILE", file)
        field("CODE_LINE", String(line))
        field("CODE_FUNC", function)
        for (key, value) in metadata {
            field(JournalFieldName.from(metadataKey: key), value.description)
        }

        return buffer.withUnsafeMutableBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return false }
            var vectors = ranges.map { iovec(iov_base: base + $0.start, iov_len: $0.count) }
            return sd_journal_sendv(&vectors, Int32(vectors.count)) >= 0
        }
    }
}
