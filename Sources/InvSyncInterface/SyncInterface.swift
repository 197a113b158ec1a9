/// Parameter and reply types of `io.invsync.Sync`'s history and retry methods, matching its IDL field for field.
public enum SyncInterface {
    public static let name = "io.invsync.Sync"

    /// Method names of the interface (Start and Resync are the integrator's).
    public enum Method: String, Sendable, CaseIterable {
        case listTasks = "ListTasks"
        case getTask = "GetTask"
        case listRetries = "ListRetries"
        case start = "Start"
        case resync = "Resync"

        /// The fully qualified name a client calls.
        public var qualified: String { "\(SyncInterface.name).\(rawValue)" }
    }

    /// Named errors of the interface.
    public enum ErrorName {
        public static let noSuchTask = "io.invsync.Sync.NoSuchTask"
        public static let noSuchChannel = "io.invsync.Sync.NoSuchChannel"
        public static let channelNotActive = "io.invsync.Sync.ChannelNotActive"
    }

    public enum TaskStatus: String, Codable, Sendable, CaseIterable {
        case running, succeeded, failed, partial
    }

    public struct Task: Codable, Sendable, Equatable {
        public var id: Int64
        public var channel: String
        public var module: String
        public var trigger: String
        public var status: TaskStatus
        public var startedAt: String
        public var endedAt: String?
        public var synced: Int
        public var failed: Int

        public init(
            id: Int64, channel: String, module: String, trigger: String, status: TaskStatus, startedAt: String,
            endedAt: String?, synced: Int, failed: Int
        ) {
            self.id = id
            self.channel = channel
            self.module = module
            self.trigger = trigger
            self.status = status
            self.startedAt = startedAt
            self.endedAt = endedAt
            self.synced = synced
            self.failed = failed
        }
    }

    public struct TaskRecord: Codable, Sendable, Equatable {
        public var recordId: String
        public var kind: String
        public var outcome: String
        public var reason: String?
        public init(recordId: String, kind: String, outcome: String, reason: String?) {
            self.recordId = recordId
            self.kind = kind
            self.outcome = outcome
            self.reason = reason
        }
    }

    public struct Retry: Codable, Sendable, Equatable {
        public var id: Int64
        public var channel: String
        public var module: String
        public var kind: String
        public var recordId: String
        public var attempts: Int
        public var nextAttemptAt: String
        public var lastError: String?
        public init(
            id: Int64, channel: String, module: String, kind: String, recordId: String, attempts: Int,
            nextAttemptAt: String, lastError: String?
        ) {
            self.id = id
            self.channel = channel
            self.module = module
            self.kind = kind
            self.recordId = recordId
            self.attempts = attempts
            self.nextAttemptAt = nextAttemptAt
            self.lastError = lastError
        }
    }

    public struct ListTasksParameters: Codable, Sendable, Equatable {
        public var channel: String?
        public var status: String?
        public var limit: Int?
        public init(channel: String? = nil, status: String? = nil, limit: Int? = nil) {
            self.channel = channel
            self.status = status
            self.limit = limit
        }
    }

    public struct ListTasksReply: Codable, Sendable, Equatable {
        public var tasks: [Task]
        public init(tasks: [Task]) { self.tasks = tasks }
    }

    public struct GetTaskParameters: Codable, Sendable, Equatable {
        public var id: Int64
        public init(id: Int64) { self.id = id }
    }

    public struct GetTaskReply: Codable, Sendable, Equatable {
        public var task: Task
        public var records: [TaskRecord]
        public init(task: Task, records: [TaskRecord]) {
            self.task = task
            self.records = records
        }
    }

    public struct ListRetriesParameters: Codable, Sendable, Equatable {
        public var channel: String?
        public init(channel: String? = nil) { self.channel = channel }
    }

    public struct ListRetriesReply: Codable, Sendable, Equatable {
        public var retries: [Retry]
        public init(retries: [Retry]) { self.retries = retries }
    }

    public struct StartParameters: Codable, Sendable, Equatable {
        public var module: String
        public var channel: String?
        public var from: String?
        public var to: String?
        public init(module: String, channel: String? = nil, from: String? = nil, to: String? = nil) {
            self.module = module
            self.channel = channel
            self.from = from
            self.to = to
        }
    }

    public struct StartReply: Codable, Sendable, Equatable {
        public var tasks: [Task]
        public init(tasks: [Task]) { self.tasks = tasks }
    }

    public struct ResyncParameters: Codable, Sendable, Equatable {
        public var id: Int64
        public init(id: Int64) { self.id = id }
    }

    public struct ResyncReply: Codable, Sendable, Equatable {
        public var task: Task
        public init(task: Task) { self.task = task }
    }
}
