import Foundation
import InvSyncInterface
import Inventory
import InventoryStore
import Logging
import Systemd
import Varlink

/// The running daemon's shared state: its configuration, what it reports, and the one reload path
/// that SIGHUP and `Reload` both take.
public actor DaemonRuntime {
    public let database: AppDatabase
    public let startedAt: Date
    private let parser: ConfigurationParser
    private let logger: Logger
    private(set) var configuration: Configuration
    private(set) var state: DaemonInterface.DaemonState = .running
    /// Where the control socket really is (systemd's, or the configured path).
    public let controlSocketDescription: String
    private let startedAtText: String
    /// Counts the commits that change the channels GetStatus shows; nil if the store refused the observer (every call
    /// then reads the channels).
    private let statusChanges: ChannelStatusChanges?
    /// The channels last shown, the change count they were read at, and when.
    private var shownChannels: (changes: UInt64, readAt: ContinuousClock.Instant, channels: [DaemonInterface.ChannelStatus])?
    /// The last GetStatus reply and its encoding.
    private var lastReply: (reply: DaemonInterface.GetStatusReply, encoded: VarlinkEncodedParameters)?
    /// How long shown channels are reused at most: the daemon is the database's one writer, but a commit by another
    /// process (an operator's sqlite3) is not counted, and shows after this long.
    static let shownChannelsMaxAge: Duration = .seconds(1)

    public init(
        configuration: Configuration, database: AppDatabase, parser: ConfigurationParser,
        controlSocketDescription: String, startedAt: Date, logger: Logger
    ) {
        self.configuration = configuration
        self.database = database
        self.parser = parser
        self.controlSocketDescription = controlSocketDescription
        self.startedAt = startedAt
        self.startedAtText = Timestamp.rfc3339(startedAt)
        self.logger = logger
        do {
            statusChanges = try database.observeChannelStatusChanges()
        } catch {
            statusChanges = nil
            logger.debug("GetStatus reads the channels on every call: the store refused its change observer",
                         metadata: ["error": "\(error)"])
        }
    }

    /// The control group whose members may call read methods, as configured now.
    public var controlGroupID: UInt32? { configuration.daemon.controlGroupID }

    /// The organization settings as configured now (FBA and warehouse-mapping rules read them at each call).
    public var organization: Configuration.OrganizationSettings { configuration.organization }

    /// `GetStatus`.
    public func status() throws -> DaemonInterface.GetStatusReply {
        DaemonInterface.GetStatusReply(
            version: DaemonVersion.current,
            startedAt: startedAtText,
            state: state,
            configPath: configuration.path,
            stateDirectory: configuration.daemon.stateDirectory,
            logLevel: JournalLogHandler.currentLogLevel.rawValue,
            channels: try channelStatuses())
    }

    /// `GetStatus` as the connection writes it: encoded again only when the reply differs from the last one (encoding
    /// was the largest part of a call's CPU time once the channels were kept; issue 6).
    public func encodedStatus() throws -> VarlinkEncodedParameters {
        let reply = try status()
        if let last = lastReply, last.reply == reply { return last.encoded }
        let encoded = try VarlinkEncodedParameters(reply)
        lastReply = (reply, encoded)
        return encoded
    }

    /// The channels as GetStatus shows them. Built again only after a commit changed what they show (`statusChanges`),
    /// after `shownChannelsMaxAge`, or while the disk is full: reading and formatting them was most of a call's CPU time
    /// during a large sync (0.85 ms of 1.1 ms; issue 6), and they change a few times per sync.
    private func channelStatuses() throws(StoreError) -> [DaemonInterface.ChannelStatus] {
        // A full disk stops every channel's writes; the database cannot record that, so it is reported from memory.
        let storageProblem = database.storageProblem
        guard storageProblem == nil, let statusChanges else {
            return try database.channelStatuses().map { Self.channelStatus($0, storageProblem: storageProblem) }
        }
        let changes = statusChanges.count
        let now = ContinuousClock.now
        if let shown = shownChannels, shown.changes == changes, now - shown.readAt < Self.shownChannelsMaxAge { return shown.channels }
        // Counted before the read: a commit during the read leaves a smaller count here, so the next call reads again.
        let channels = try database.channelStatuses().map { Self.channelStatus($0, storageProblem: nil) }
        shownChannels = (changes, now, channels)
        return channels
    }

    private static func channelStatus(_ record: ChannelStatusRecord, storageProblem: StoreError?) -> DaemonInterface.ChannelStatus {
        let settings = record.settings
        return DaemonInterface.ChannelStatus(
            name: record.channel.name.rawValue,
            marketplace: record.channel.marketplace.code,
            enabled: settings.enabled,
            state: storageProblem == nil ? DaemonInterface.ChannelState(rawValue: settings.state.rawValue) ?? .error : .error,
            reason: storageProblem.map { "\($0)" } ?? settings.inactiveReason,
            syncIntervalMinutes: settings.syncInterval.minutes,
            lastSyncAt: settings.lastSyncAt.map(Timestamp.rfc3339),
            nextSyncAt: settings.nextSyncAt.map(Timestamp.rfc3339),
            stockSync: settings.stockSyncActive ? .active : .inactive,
            pendingRetries: record.pendingWork,
            fbaWarehouse: settings.fbaWarehouse,
            mappedWarehouse: settings.mappedWarehouse)
    }

    /// The one reload path (SIGHUP and `Reload`): re-read the file; apply it whole, or keep the running
    /// configuration and report every problem.
    public func reload(trigger: String) throws(ConfigurationError) -> [String] {
        state = .reloading
        SystemdNotifier.reloading(status: "Reloading configuration").report(to: logger, notification: "RELOADING=1")
        defer {
            state = .running
            SystemdNotifier.ready(status: statusLine()).report(to: logger, notification: "READY=1")
        }
        logger.notice("reloading configuration", metadata: ["trigger": "\(trigger)", "config": "\(configuration.path)"])
        let report = parser.check(path: configuration.path)
        for warning in report.warnings {
            logger.warning("configuration warning", metadata: ["key": "\(warning.key)", "line": "\(warning.line ?? 0)", "problem": "\(warning.message)"])
        }
        guard let next = report.configuration else {
            for problem in report.problems {
                logger.error("reload refused: configuration problem", metadata: [
                    "key": "\(problem.key)", "line": "\(problem.line ?? 0)", "problem": "\(problem.message)",
                ])
            }
            throw ConfigurationError(path: configuration.path, problems: report.problems)
        }
        let changes = ConfigurationChanges.between(configuration, next)
        do {
            try database.registerChannels(next.channels.map(\.channel))
        } catch {
            logger.error("reload failed: cannot record channels", metadata: ["error": "\(error)"])
            throw ConfigurationError(path: configuration.path, problems: [
                ConfigurationProblem(line: nil, key: "channel", message: "the database refused the channels: \(error)")
            ])
        }
        if next.daemon.logLevel != configuration.daemon.logLevel {
            JournalLogHandler.setLogLevel(next.daemon.logLevel)
        }
        configuration = next
        for change in changes {
            logger.notice("configuration change applied", metadata: ["change": "\(change)"])
        }
        logger.notice("configuration reloaded", metadata: ["changes": "\(changes.count)", "channels": "\(next.channels.count)"])
        return changes
    }

    /// `SetLogLevel`: in force until the next reload or restart.
    public func setLogLevel(_ level: Logger.Level, uid: UInt32) {
        JournalLogHandler.setLogLevel(level)
        logger.notice("log level changed", metadata: ["level": "\(level)", "uid": "\(uid)"])
    }

    /// Marks the daemon as stopping (graceful shutdown has begun).
    public func markStopping() {
        state = .stopping
    }

    /// The one-line STATUS= text systemd shows.
    public func statusLine() -> String {
        let channels = (try? database.channels()) ?? []
        let enabled = channels.filter { $0.1.enabled }.count
        return "Serving \(channels.count) channel\(channels.count == 1 ? "" : "s") (\(enabled) enabled) on \(controlSocketDescription)"
    }

    /// Whether the daemon's loop and its database answer: the watchdog's probe.
    public func isHealthy() async -> Bool {
        await database.healthCheck()
    }
}
