import CSystemd
import Glibc
import Logging
import Synchronization

/// A swift-log handler that writes structured entries to journald, or plain lines to stderr when not run by systemd.
public struct JournalLogHandler: LogHandler {
    /// Where entries go.
    public enum Destination: Sendable, Equatable {
        /// journald when `JOURNAL_STREAM` says stderr is the journal (`StandardError=journal`), else stderr.
        case automatic
        /// journald through sd_journal_sendv(3), with structured fields.
        case journal
        /// One plain line per entry on stderr.
        case standardError
    }

    /// The runtime log level every handler follows unless its own `logLevel` was set (SetLogLevel changes it).
    private static let sharedLevel = Atomic<UInt8>(JournalPriority.code(of: .info))

    /// Changes the level of every logger that follows the shared level.
    public static func setLogLevel(_ level: Logger.Level) {
        sharedLevel.store(JournalPriority.code(of: level), ordering: .relaxed)
    }

    /// The shared runtime log level.
    public static var currentLogLevel: Logger.Level {
        JournalPriority.level(of: sharedLevel.load(ordering: .relaxed))
    }

    /// Makes this handler the process-wide swift-log backend, at `level`.
    public static func bootstrap(identifier: String, level: Logger.Level, destination: Destination = .automatic) {
        setLogLevel(level)
        let resolved = JournalStream.resolve(destination)
        LoggingSystem.bootstrap { label in
            JournalLogHandler(label: label, identifier: identifier, resolved: resolved)
        }
    }

    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private var ownLevel: Logger.Level?
    let label: String
    let identifier: String
    let resolved: JournalStream.Resolved

    public init(label: String, identifier: String, destination: Destination) {
        self.init(label: label, identifier: identifier, resolved: JournalStream.resolve(destination))
    }

    init(label: String, identifier: String, resolved: JournalStream.Resolved) {
        self.label = label
        self.identifier = identifier
        self.resolved = resolved
    }

    /// Follows the shared level until set on this logger.
    public var logLevel: Logger.Level {
        get { ownLevel ?? Self.currentLogLevel }
        set { ownLevel = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = mergedMetadata(event.metadata)
        switch resolved {
        case .journal:
            let sent = JournalEntry.send(
                message: event.message.description, level: event.level, identifier: identifier,
                file: event.file, line: event.line, function: event.function, metadata: merged
            )
            // journald refused the entry: keep the priority with a <N> prefix in case stderr is the journal's stream.
            if !sent {
                StandardErrorLine.write(level: event.level, label: label, message: event.message.description,
                                        metadata: merged, priorityPrefix: true)
            }
        case .standardError:
            StandardErrorLine.write(level: event.level, label: label, message: event.message.description,
                                    metadata: merged, priorityPrefix: false)
        case .prefixedStandardError:
            StandardErrorLine.write(level: event.level, label: label, message: event.message.description,
                                    metadata: merged, priorityPrefix: true)
        }
    }

    private func mergedMetadata(_ explicit: Logger.Metadata?) -> Logger.Metadata {
        var merged = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty {
            merged.merge(provided) { _, new in new }
        }
        if let explicit, !explicit.isEmpty {
            merged.merge(explicit) { _, new in new }
        }
        return merged
    }
}
