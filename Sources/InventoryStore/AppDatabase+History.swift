import Foundation
import GRDB
import Inventory

extension AppDatabase {
    /// Starts a task in the sync history (R9); returns its id.
    public func startTask(
        channel: ChannelName, module: SyncModule, trigger: SyncTrigger, range: ClosedRange<Date>? = nil,
        resyncOf: Int64? = nil, now: Date
    ) throws(StoreError) -> Int64 {
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM channel WHERE name = ?", arguments: [channel.rawValue]) == true else {
                throw StoreError.noSuchChannel(channel.rawValue)
            }
            try db.execute(
                sql: """
                    INSERT INTO sync_task (channel, module, trigger, status, started_at, range_from, range_to, resync_of)
                    VALUES (?, ?, ?, 'running', ?, ?, ?, ?)
                    """,
                arguments: [
                    channel.rawValue, module.rawValue, trigger.rawValue, now.milliseconds,
                    range?.lowerBound.milliseconds, range?.upperBound.milliseconds, resyncOf,
                ])
            return db.lastInsertedRowID
        }
    }

    /// Adds per-record detail to a running task and its counts; a record reported again keeps its last outcome.
    public func addRecords(task: Int64, _ records: [TaskRecord]) throws(StoreError) {
        try write { db in
            for record in records {
                try db.execute(
                    sql: """
                        INSERT INTO task_record (task, kind, record_id, outcome, reason) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(task, kind, record_id) DO UPDATE SET outcome = excluded.outcome, reason = excluded.reason
                        """,
                    arguments: [task, record.kind, record.recordId, record.outcome.rawValue, record.reason])
            }
            try db.execute(
                sql: """
                    UPDATE sync_task SET
                        synced = (SELECT count(*) FROM task_record WHERE task = ?1 AND outcome = 'synced'),
                        failed = (SELECT count(*) FROM task_record WHERE task = ?1 AND outcome = 'failed')
                    WHERE id = ?1
                    """,
                arguments: [task])
            if db.changesCount == 0 { throw StoreError.noSuchTask(task) }
        }
    }

    /// Ends a running task; its status follows from its counts.
    @discardableResult
    public func finishTask(_ id: Int64, now: Date) throws(StoreError) -> TaskStatus {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT synced, failed, started_at FROM sync_task WHERE id = ?", arguments: [id]) else {
                throw StoreError.noSuchTask(id)
            }
            let status = TaskStatus.finished(synced: row["synced"], failed: row["failed"])
            let ended = max(now.milliseconds, row["started_at"] as Int64)
            try db.execute(
                sql: "UPDATE sync_task SET status = ?, ended_at = ? WHERE id = ? AND status = 'running'",
                arguments: [status.rawValue, ended, id])
            return status
        }
    }

    /// The newest tasks first, optionally of one channel and status.
    public func tasks(channel: ChannelName? = nil, status: TaskStatus? = nil, limit: Int = 50) throws(StoreError) -> [SyncTask] {
        try read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let channel { conditions.append("channel = ?"); arguments.append(channel.rawValue) }
            if let status { conditions.append("status = ?"); arguments.append(status.rawValue) }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments.append(max(1, min(limit, 10_000)))
            return try Row.fetchAll(
                db, sql: "SELECT * FROM sync_task \(filter) ORDER BY started_at DESC, id DESC LIMIT ?",
                arguments: StatementArguments(arguments)
            ).compactMap(Self.task)
        }
    }

    /// One task and its records.
    public func task(id: Int64) throws(StoreError) -> (SyncTask, [TaskRecord]) {
        let found: (SyncTask, [TaskRecord])? = try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM sync_task WHERE id = ?", arguments: [id]),
                let task = Self.task(row)
            else { return nil }
            let records = try Row.fetchAll(
                db, sql: "SELECT kind, record_id, outcome, reason FROM task_record WHERE task = ? ORDER BY kind, record_id",
                arguments: [id]
            ).compactMap { row -> TaskRecord? in
                guard let outcome = RecordOutcome(rawValue: row["outcome"]) else { return nil }
                return TaskRecord(recordId: row["record_id"], kind: row["kind"], outcome: outcome, reason: row["reason"])
            }
            return (task, records)
        }
        guard let found else { throw .noSuchTask(id) }
        return found
    }

    /// R12: deletes at most `batchSize` expired tasks (and, by cascade, their records) in one short transaction;
    /// returns how many went. Call it until it returns less than `batchSize`.
    public func deleteExpiredHistory(succeededBefore: Date, failedBefore: Date, batchSize: Int) throws(StoreError) -> Int {
        try write { db in
            try db.execute(
                sql: """
                    DELETE FROM sync_task WHERE id IN (
                        SELECT id FROM sync_task WHERE status = 'succeeded' AND ended_at < ?1
                        UNION ALL
                        SELECT id FROM sync_task WHERE status IN ('failed', 'partial') AND ended_at < ?2
                        LIMIT ?3)
                    """,
                arguments: [succeededBefore.milliseconds, failedBefore.milliseconds, batchSize])
            return db.changesCount
        }
    }

    private static func task(_ row: Row) -> SyncTask? {
        guard let channel = ChannelName(rawValue: row["channel"]), let module = SyncModule(rawValue: row["module"]),
            let trigger = SyncTrigger(rawValue: row["trigger"]), let status = TaskStatus(rawValue: row["status"])
        else { return nil }
        return SyncTask(
            id: row["id"], channel: channel, module: module, trigger: trigger, status: status,
            startedAt: Date(milliseconds: row["started_at"]), endedAt: (row["ended_at"] as Int64?).map(Date.init(milliseconds:)),
            synced: row["synced"], failed: row["failed"])
    }
}
