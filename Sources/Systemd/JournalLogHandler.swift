import CSystemd
import Foundation
import Logging
import Synchronization

/// A swift-log handler that writes journald entries with structured fields when stderr is the journal,
/// and plain `level label: message key=value` lines to stderr otherwise.
public struct JournalLogHandler: LogHandler {
    /// Where entries go.
    public enum Destination: Sendable {
        /// The journal when `JOURNAL_STREAM` names our stderr, else stderr.
        case automatic
        /// sd_journal_sendv, with structured fields.
        case journal
        /// Plain lines on stderr.
        case stderr
    }

    private static let sharedLevel = Mutex<Logger.Level>(.info)

    /// The level every handler of the process logs at; SetLogLevel changes it for all at once.
    public static var currentLogLevel: Logger.Level { sharedLevel.withLock { $0 } }

    public static func setLogLevel(_ level: Logger.Level) {
        sharedLevel.withLock { $0 = level }
    }

    /// Installs the handler for the whole process.
    public static func bootstrap(identifier: String, level: Logger.Level, destination: Destination = .automatic) {
        setLogLevel(level)
        let resolved = resolve(destination)
        LoggingSystem.bootstrap { label in JournalLogHandler(label: label, identifier: identifier, destination: resolved) }
    }

    /// Decides `.automatic`: the journal when JOURNAL_STREAM's device:inode is our stderr's.
    public static func resolve(_ destination: Destination, environment: [String: String] = ProcessInfo.processInfo.environment) -> Destination {
        guard case .automatic = destination else { return destination }
        return stderrIsJournal(environment["JOURNAL_STREAM"]) ? .journal : .stderr
    }

    static func stderrIsJournal(_ journalStream: String?) -> Bool {
        guard let journalStream else { return false }
        let parts = journalStream.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(STDERR_FILENO, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }

    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level {
        get { Self.currentLogLevel }
        set { Self.setLogLevel(newValue) }
    }

    let label: String
    let identifier: String
    let destination: Destination

    public init(label: String, identifier: String, destination: Destination) {
        self.label = label
        self.identifier = identifier
        self.destination = Self.resolve(destination)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let own = event.metadata { merged.merge(own) { $1 } }
        switch destination {
        case .journal:
            sendToJournal(event, merged)
        case .stderr, .automatic:
            writeLine(event, merged)
        }
    }

    private func sendToJournal(_ event: LogEvent, _ metadata: Logger.Metadata) {
        var fields = [
            "MESSAGE=\(event.message)",
            "PRIORITY=\(Self.priority(event.level))",
            "SYSLOG_IDENTIFIER=\(identifier)",
            "LOGGER=\(label)",
            "CODE_FILE=\(event.file)",
            "CODE_LINE=\(event.line)",
            "CODE_FUNC=\(event.function)",
        ]
        for (key, value) in metadata {
            fields.append("\(Self.fieldName(key))=\(Self.flatten(value))")
        }
        let storage = fields.map { Array($0.utf8) }
        let status = Self.withIOVecs(storage) { iovecs in
            sd_journal_sendv(iovecs.baseAddress, Int32(iovecs.count))
        }
        if status < 0 { writeLine(event, metadata) }
    }

    private static func withIOVecs<R>(_ buffers: [[UInt8]], _ body: (UnsafeBufferPointer<iovec>) -> R) -> R {
        var iovecs: [iovec] = []
        iovecs.reserveCapacity(buffers.count)
        func recurse(_ index: Int) -> R {
            if index == buffers.count { return iovecs.withUnsafeBufferPointer(body) }
            return buffers[index].withUnsafeBytes { bytes in
                iovecs.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress), iov_len: bytes.count))
                return recurse(index + 1)
            }
        }
        return recurse(0)
    }

    private func writeLine(_ event: LogEvent, _ metadata: Logger.Metadata) {
        var line = "\(event.level) \(label): \(event.message)"
        for key in metadata.keys.sorted() {
            line += " \(key)=\(Self.quoted(Self.flatten(metadata[key]!)))"
        }
        line += "\n"
        // One write(2) per line: lines from concurrent tasks never interleave.
        line.utf8CString.withUnsafeBufferPointer { buffer in
            _ = Glibc.write(STDERR_FILENO, buffer.baseAddress, buffer.count - 1)
        }
    }

    /// The syslog priority of a swift-log level.
    public static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    /// A journal field name: uppercase A–Z, 0–9 and '_', not starting with '_' or a digit, at most 64 bytes.
    public static func fieldName(_ key: String) -> String {
        var name = String(key.uppercased().unicodeScalars.map { scalar -> Character in
            (scalar.isASCII && (CharacterSet.uppercaseLetters.contains(scalar) || CharacterSet.decimalDigits.contains(scalar)))
                ? Character(scalar) : "_"
        })
        if name.isEmpty || name.first == "_" || name.first!.isNumber { name = "F" + name }
        return String(name.prefix(64))
    }

    static func flatten(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let string): return string
        case .stringConvertible(let convertible): return convertible.description
        case .array(let values): return "[" + values.map(flatten).joined(separator: ", ") + "]"
        case .dictionary(let dictionary):
            return "{" + dictionary.keys.sorted().map { "\($0): \(flatten(dictionary[$0]!))" }.joined(separator: ", ") + "}"
        }
    }

    static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
