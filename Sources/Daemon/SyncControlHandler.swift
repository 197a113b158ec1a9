import Foundation
import InvSyncInterface
import Inventory
import InventoryStore
import SyncEngine
import Varlink

/// Serves `io.invsync.Sync`: manual syncs and resyncs through the engine, the history (R9) and the retry queue (R11).
struct SyncControlHandler: VarlinkInterfaceHandler {
    /// Tasks returned when the caller gives no limit.
    static let defaultLimit = 50

    let interface: VarlinkInterface
    let database: AppDatabase
    let authorizer: ControlAuthorizer
    let manual: ManualSync
    /// How often `Start` with `more` reports progress.
    let progressInterval: Duration

    init(database: AppDatabase, authorizer: ControlAuthorizer, manual: ManualSync, progressInterval: Duration = .milliseconds(500)) throws {
        self.interface = try VarlinkInterface(parsing: InvSyncIDL.sync)
        self.database = database
        self.authorizer = authorizer
        self.manual = manual
        self.progressInterval = progressInterval
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
            var retries = entries.map {
                SyncInterface.Retry(
                    id: $0.id, channel: $0.channel.rawValue, module: $0.module.rawValue, kind: $0.kind,
                    recordId: $0.recordId, attempts: $0.attempts, nextAttemptAt: Timestamp.rfc3339($0.nextAttemptAt),
                    lastError: $0.lastError)
            }
            // Side effects waiting in their outboxes retry on their own backoff; the operator sees them here too.
            let (shipments, pushes) = try await ControlErrors.translate {
                (try database.pendingShipmentConfirmations(channel: channel), try database.failedStockPushes(channel: channel))
            }
            retries += shipments.map {
                SyncInterface.Retry(
                    id: $0.id, channel: $0.channel.rawValue, module: "shipments", kind: "shipment",
                    recordId: "\($0.amazonOrderId)#\($0.packageReference)", attempts: $0.attempts,
                    nextAttemptAt: Timestamp.rfc3339($0.nextAttemptAt ?? Date()), lastError: $0.lastError)
            }
            retries += pushes.map {
                SyncInterface.Retry(
                    id: 0, channel: $0.channel.rawValue, module: "stock", kind: "stockPush", recordId: $0.sku,
                    attempts: $0.attempts, nextAttemptAt: Timestamp.rfc3339($0.nextAttemptAt ?? Date()),
                    lastError: $0.lastError)
            }
            try await replies.send(SyncInterface.ListRetriesReply(retries: retries), continues: false)
        case .start:
            let p = try call.decode(SyncInterface.StartParameters.self)
            guard let module = SyncModule(rawValue: p.module) else { throw VarlinkError.invalidParameter("module") }
            let channel = try p.channel.map(channelName)
            let timeframe = try Self.timeframe(from: p.from, to: p.to)
            let started = try await Self.translate { () async throws(ManualSync.Refusal) in
                try await manual.start(module: module, channel: channel, timeframe: timeframe)
            }
            try await streamProgress(started, more: call.more, replies: replies)
        case .resync:
            let p = try call.decode(SyncInterface.ResyncParameters.self)
            let outcome = try await Self.translate { () async throws(ManualSync.Refusal) in try await manual.resync(task: p.id) }
            guard let id = outcome.task, let (task, _) = try await ControlErrors.translate({ try database.task(id: id) }) else {
                throw VarlinkError(SyncInterface.ErrorName.noSuchTask, parameters: ["id": .number(Double(p.id))])
            }
            try await replies.send(SyncInterface.ResyncReply(task: Self.wire(task)), continues: false)
        case nil:
            throw VarlinkError.methodNotFound("\(call.interface).\(call.method)")
        }
    }

    /// Without `more`: one answer once every run has a task in the history. With `more`: the tasks' counts every
    /// `progressInterval` until all runs have ended, the last answer marked as the end.
    private func streamProgress(_ started: [ManualSync.Started], more: Bool, replies: some VarlinkReplySender) async throws {
        var finished: [Int: SyncTask] = [:]
        while true {
            var tasks: [SyncInterface.Task] = []
            var allEnded = true
            for (index, run) in started.enumerated() {
                if let task = finished[index] {
                    tasks.append(Self.wire(task))
                    continue
                }
                // The run's own task (the retry queue's or the shipment confirmer's may run beside it); a run refused
                // before it began has none, and its outcome says why.
                guard let id = await run.run.history.startedTask(),
                      let (task, _) = try await ControlErrors.translate({ try database.task(id: id) })
                else { continue }
                tasks.append(Self.wire(task))
                if task.status == .running {
                    allEnded = false
                } else {
                    finished[index] = task
                }
            }
            if !more {
                try await replies.send(SyncInterface.StartReply(tasks: tasks), continues: false)
                return
            }
            try await replies.send(SyncInterface.StartReply(tasks: tasks), continues: !allEnded)
            if allEnded { return }
            try await Task.sleep(for: progressInterval)
        }
    }

    /// `from`/`to` as a timeframe: both or neither, RFC 3339, from before to.
    static func timeframe(from: String?, to: String?) throws(VarlinkError) -> DateInterval? {
        switch (from, to) {
        case (nil, nil): return nil
        case (nil, _): throw .invalidParameter("from")
        case (_, nil): throw .invalidParameter("to")
        case (let from?, let to?):
            guard let start = Timestamp.parse(from) else { throw .invalidParameter("from") }
            guard let end = Timestamp.parse(to), end > start else { throw .invalidParameter("to") }
            return DateInterval(start: start, end: end)
        }
    }

    /// The engine's refusals as this interface's named errors.
    static func translate<T>(_ body: () async throws(ManualSync.Refusal) -> T) async throws -> T {
        do {
            return try await body()
        } catch .noSuchChannel(let name) {
            throw VarlinkError(SyncInterface.ErrorName.noSuchChannel, parameters: ["channel": .string(name)])
        } catch .channelNotActive(let channel, let reason) {
            throw VarlinkError(SyncInterface.ErrorName.channelNotActive, parameters: ["channel": .string(channel), "reason": .string(reason)])
        } catch .noSuchTask(let id) {
            throw VarlinkError(SyncInterface.ErrorName.noSuchTask, parameters: ["id": .number(Double(id))])
        } catch .store(let why) {
            throw VarlinkError(DaemonInterface.ErrorName.storageFailed, parameters: ["reason": .string(why)])
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
