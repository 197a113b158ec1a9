import CSystemd
import Glibc

/// Decides whether stderr is connected to journald, as systemd announces with `JOURNAL_STREAM=<dev>:<ino>`.
enum JournalStream {
    enum Resolved: Sendable, Equatable {
        /// sd_journal_sendv with structured fields.
        case journal
        /// Plain lines on stderr.
        case standardError
        /// Lines on stderr starting with `<N>`, for when the journal is wanted but its socket is missing.
        case prefixedStandardError
    }

    /// Where journald listens for sd_journal_sendv; libsystemd reports success even when nothing is there.
    static let socketPath = "/run/systemd/journal/socket"

    static func resolve(_ destination: JournalLogHandler.Destination) -> Resolved {
        switch destination {
        case .journal: return journalIfListening()
        case .standardError: return .standardError
        case .automatic:
            let announced = getenv("JOURNAL_STREAM").map { String(cString: $0) }
            return isJournal(descriptor: STDERR_FILENO, announced: announced) ? journalIfListening() : .standardError
        }
    }

    private static func journalIfListening() -> Resolved {
        access(socketPath, F_OK) == 0 ? .journal : .prefixedStandardError
    }

    /// True when `announced` ("dev:ino", decimal) names the very file `descriptor` is open on.
    /// A child that inherited the variable but had stderr redirected gets false, as sd-daemon(3) recommends.
    static func isJournal(descriptor: Int32, announced: String?) -> Bool {
        guard let announced else { return false }
        let parts = announced.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }
}
