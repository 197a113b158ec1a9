/// Parameter and reply types of `io.invsync.Daemon`, one per method, matching its IDL field for field.
public enum DaemonInterface {
    public static let name = "io.invsync.Daemon"

    /// Method names of the interface.
    public enum Method: String, Sendable, CaseIterable {
        case getStatus = "GetStatus"
        case reload = "Reload"
        case setLogLevel = "SetLogLevel"
        case reap = "Reap"

        /// The fully qualified name a client calls.
        public var qualified: String { "\(DaemonInterface.name).\(rawValue)" }
    }

    /// Named errors of the interface.
    public enum ErrorName {
        public static let permissionDenied = "io.invsync.Daemon.PermissionDenied"
        public static let invalidConfiguration = "io.invsync.Daemon.InvalidConfiguration"
        public static let storageFailed = "io.invsync.Daemon.StorageFailed"
    }

    public enum ChannelState: String, Codable, Sendable, CaseIterable {
        case idle, syncing, backingOff, inactive, error
    }

    public enum StockSync: String, Codable, Sendable, CaseIterable {
        case active, inactive
    }

    public enum DaemonState: String, Codable, Sendable, CaseIterable {
        case running, reloading, stopping
    }

    public enum LogLevel: String, Codable, Sendable, CaseIterable {
        case trace, debug, info, notice, warning, error, critical
    }

    public struct ChannelStatus: Codable, Sendable, Equatable {
        public var name: String
        public var marketplace: String
        public var enabled: Bool
        public var state: ChannelState
        public var reason: String?
        public var syncIntervalMinutes: Int
        public var lastSyncAt: String?
        public var nextSyncAt: String?
        public var stockSync: StockSync
        public var pendingRetries: Int
        public var fbaWarehouse: String?
        public var mappedWarehouse: String?

        public init(
            name: String, marketplace: String, enabled: Bool, state: ChannelState, reason: String?,
            syncIntervalMinutes: Int, lastSyncAt: String?, nextSyncAt: String?, stockSync: StockSync,
            pendingRetries: Int, fbaWarehouse: String?, mappedWarehouse: String?
        ) {
            self.name = name
            self.marketplace = marketplace
            self.enabled = enabled
            self.state = state
            self.reason = reason
            self.syncIntervalMinutes = syncIntervalMinutes
            self.lastSyncAt = lastSyncAt
            self.nextSyncAt = nextSyncAt
            self.stockSync = stockSync
            self.pendingRetries = pendingRetries
            self.fbaWarehouse = fbaWarehouse
            self.mappedWarehouse = mappedWarehouse
        }
    }

    /// Parameters of methods that take none.
    public struct NoParameters: Codable, Sendable, Equatable {
        public init() {}
    }

    /// Reply of methods that return nothing.
    public struct NoReply: Codable, Sendable, Equatable {
        public init() {}
    }

    public struct GetStatusReply: Codable, Sendable, Equatable {
        public var version: String
        public var startedAt: String
        public var state: DaemonState
        public var configPath: String
        public var stateDirectory: String
        public var logLevel: String
        public var channels: [ChannelStatus]

        public init(
            version: String, startedAt: String, state: DaemonState, configPath: String,
            stateDirectory: String, logLevel: String, channels: [ChannelStatus]
        ) {
            self.version = version
            self.startedAt = startedAt
            self.state = state
            self.configPath = configPath
            self.stateDirectory = stateDirectory
            self.logLevel = logLevel
            self.channels = channels
        }
    }

    public struct ReloadReply: Codable, Sendable, Equatable {
        public var changes: [String]
        public init(changes: [String]) { self.changes = changes }
    }

    public struct SetLogLevelParameters: Codable, Sendable, Equatable {
        public var level: LogLevel
        public init(level: LogLevel) { self.level = level }
    }

    public struct ReapParameters: Codable, Sendable, Equatable {
        public var dryRun: Bool?
        public init(dryRun: Bool? = nil) { self.dryRun = dryRun }
    }

    public struct ReapReply: Codable, Sendable, Equatable {
        public var historyDeleted: Int
        public var piiPurged: Int
        public init(historyDeleted: Int, piiPurged: Int) {
            self.historyDeleted = historyDeleted
            self.piiPurged = piiPurged
        }
    }

    public struct PermissionDenied: Codable, Sendable, Equatable {
        public var method: String
        public var uid: Int
        public init(method: String, uid: Int) {
            self.method = method
            self.uid = uid
        }
    }

    public struct InvalidConfiguration: Codable, Sendable, Equatable {
        public var problems: [String]
        public init(problems: [String]) { self.problems = problems }
    }
}
