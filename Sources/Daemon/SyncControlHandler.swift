import InvSyncInterface
import Inventory
import InventoryStore
import Varlink

/// Serves `io.invsync.Sync`: the sync history (R12) and the retry queue (R11) read from the store.
struct SyncControlHandler: VarlinkInterfaceHandler {
    /// Tasks returned when the caller gives no limit.
    static let defaultLimit = 50

    let interface: VarlinkInterface
    let database: AppDatabase
    let authorizer: ControlAuthorizer

    init(database: AppDatabase, authorizer: ControlAuthorizer) throws {
        self.interface = try VarlinkInterface(parsing: InvSyncIDL.sync)
        self.database = database
        self.authorizer = authorizer
    }

    func handle(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws {
        try await authorizer.authorize(call)
        switch SyncInterface.Method(rawValue: call.method) {
        case .listTasks:
            let p = try call.decode(SyncInterface.ListTasksParameters.self)
            let channel = try p.channel.map(channelName)
            let status = try p.status.map { raw in
                guard let status = TaskStatus(rawValue: raw) else { throw VarlinkError.invalidParameter("status") }
                return status
            }
            let limit = try Self.limit(p.limit)
            let tasks = try await ControlErrors.translate {
                try database.tasks(channel: channel, status: status, limit: limit)
            }
            try await replies.send(SyncInterface.ListTasksReply(tasks: tasks.map(Self.wire)), continues: false)
        case .getTask:
            let p = try call.decode(SyncInterface.GetTaskParameters.self)
            guard let (task, records) = try await ControlErrors.translate({ try database.task(id: p.id) }) else {
                throw VarlinkError(SyncInterface.ErrorName.noSuchTask, parameters: ["id": .number(Double(p.id))])
            }
            let wireRecords = records.map {
                SyncInterface.TaskRecord(recordId: $0.recordId, kind: $0.kind, outcome: $0.outcome.rawValue, reason: $0.reason)
            }
            try await replies.send(SyncInterface.GetTaskReply(task: Self.wire(task), records: wireRecords), continues: false)
        case .listRetries:
            let p = try call.decode(SyncInterface.ListRetriesParameters.self)
            let channel = try p.channel.map(channelName)
            let entries = try await ControlErrors.translate {
                if let channel { return try database.retries(channel: channel) }
                return try database.channels().flatMap { try database.retries(channel: $0.0.name) }
            }
            let retries = entries.map {
                SyncInterface.Retry(
                    id: $0.id, channel: $0.channel.rawValue, module: $0.module.rawValue, kind: $0.kind,
                    recordId: $0.recordId, attempts: $0.attempts, nextAttemptAt: Timestamp.rfc3339($0.nextAttemptAt),
                    lastError: $0.lastError)
            }
            try await replies.send(SyncInterface.ListRetriesReply(retries: retries), continues: false)
        // Start and Resync (the integrator's) are answered here, next to the history they write.
        case nil:
            throw VarlinkError.methodNotFound("\(call.interface).\(call.method)")
        }
    }

    /// A declared or formerly declared channel, or `NoSuchChannel`.
    private func channelName(_ name: String) throws -> ChannelName {
        guard let channel = try? ChannelName(name), (try? database.channel(named: channel)) != nil else {
            throw VarlinkError(SyncInterface.ErrorName.noSuchChannel, parameters: ["channel": .string(name)])
        }
        return channel
    }

    /// A positive limit, the default when absent.
    static func limit(_ value: Int?, default fallback: Int = defaultLimit) throws(VarlinkError) -> Int {
        guard let value else { return fallback }
        guard value > 0 else { throw .invalidParameter("limit") }
        return min(value, 10_000)
    }

    static func wire(_ task: SyncTask) -> SyncInterface.Task {
        SyncInterface.Task(
            id: task.id, channel: task.channel.rawValue, module: task.module.rawValue, trigger: task.trigger.rawValue,
            status: SyncInterface.TaskStatus(rawValue: task.status.rawValue) ?? .failed,
            startedAt: Timestamp.rfc3339(task.startedAt), endedAt: task.endedAt.map(Timestamp.rfc3339),
            synced: task.synced, failed: task.failed)
    }
}
