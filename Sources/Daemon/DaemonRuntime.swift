import Foundation
import InvSyncInterface
import Inventory
import InventoryStore
import Logging
import Systemd

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

    public init(
        configuration: Configuration, database: AppDatabase, parser: ConfigurationParser,
        controlSocketDescription: String, startedAt: Date, logger: Logger
    ) {
        self.configuration = configuration
        self.database = database
        self.parser = parser
        self.controlSocketDescription = controlSocketDescription
        self.startedAt = startedAt
        self.logger = logger
    }

    /// The control group whose members may call read methods, as configured now.
    public var controlGroupID: UInt32? { configuration.daemon.controlGroupID }

    /// The organization settings as configured now (FBA and warehouse-mapping rules read them at each call).
    public var organization: Configuration.OrganizationSettings { configuration.organization }

    /// `GetStatus`.
    public func status() throws -> DaemonInterface.GetStatusReply {
        // A full disk stops every channel's writes; the database cannot record that, so it is reported from memory.
        let storageProblem = database.storageProblem
        let channels = try database.channels().map { channel, settings in
            DaemonInterface.ChannelStatus(
                name: channel.name.rawValue,
                marketplace: channel.marketplace.code,
                enabled: settings.enabled,
                state: storageProblem == nil ? DaemonInterface.ChannelState(rawValue: settings.state.rawValue) ?? .error : .error,
                reason: storageProblem.map { "\($0)" } ?? settings.inactiveReason,
                syncIntervalMinutes: settings.syncInterval.minutes,
                lastSyncAt: settings.lastSyncAt.map(Timestamp.rfc3339),
                nextSyncAt: settings.nextSyncAt.map(Timestamp.rfc3339),
                stockSync: settings.stockSyncActive ? .active : .inactive,
                pendingRetries: try database.pendingWorkCount(channel: channel.name),
                fbaWarehouse: settings.fbaWarehouse,
                mappedWarehouse: settings.mappedWarehouse)
        }
        return DaemonInterface.GetStatusReply(
            version: DaemonVersion.current,
            startedAt: Timestamp.rfc3339(startedAt),
            state: state,
            configPath: configuration.path,
            stateDirectory: configuration.daemon.stateDirectory,
            logLevel: JournalLogHandler.currentLogLevel.rawValue,
            channels: channels)
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
