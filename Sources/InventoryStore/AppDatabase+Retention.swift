import Foundation
import GRDB
import Inventory

/// Counting reads for the retention reaper's dry run: what `deleteExpiredHistory` and `purgeExpiredPII` would remove.
extension AppDatabase {
    /// How many finished tasks are expired (R12): succeeded ended before `succeeded`, failed and partial
    /// ended before `failedBefore` — the same rule `deleteExpiredHistory` deletes by.
    public func countExpiredHistory(before succeeded: Date, failedBefore: Date) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT (SELECT COUNT(*) FROM sync_task WHERE status = 'succeeded' AND ended_at < ?1)
                         + (SELECT COUNT(*) FROM sync_task WHERE status IN ('failed','partial') AND ended_at < ?2)
                    """,
                arguments: [AppDatabase.ms(succeeded), AppDatabase.ms(failedBefore)]) ?? 0
        }
    }

    /// How many vault rows are due for purging at `now` (R31) — the same rule `purgeExpiredPII` purges by.
    public func countExpiredPII(now: Date) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pii_vault WHERE purge_after <= ?", arguments: [AppDatabase.ms(now)]) ?? 0
        }
    }
}

extension AppDatabase {
    /// Deletes expired finished tasks (R12) in one short write transaction bounded by rows, not tasks: at most
    /// `maxTasks` tasks, and whole tasks only while their records add up to at most `maxRecords`. The cascaded
    /// record deletes are the cost (a task can hold thousands of records), so a task-count bound alone lets one
    /// transaction hold the write lock for as long as its largest tasks take. A single task with more than
    /// `maxRecords` records loses `maxRecords` of them per batch and goes whole once they fit; it is expired
    /// already, so the interim state only shows an expired task with fewer records.
    /// Call again until `finished`.
    public func reapExpiredHistory(before succeeded: Date, failedBefore: Date, maxTasks: Int, maxRecords: Int)
        throws(StoreError) -> HistoryReapBatch
    {
        let maxTasks = max(1, maxTasks), maxRecords = max(1, maxRecords)
        return try write { db in
            let candidates = try Int64.fetchAll(
                db.cachedStatement(sql: """
                    SELECT id FROM sync_task WHERE status = 'succeeded' AND ended_at < ?1
                    UNION ALL
                    SELECT id FROM sync_task WHERE status IN ('failed','partial') AND ended_at < ?2
                    LIMIT ?3
                    """),
                arguments: [AppDatabase.ms(succeeded), AppDatabase.ms(failedBefore), maxTasks])
            let countRecords = try db.cachedStatement(sql: "SELECT count(*) FROM task_record WHERE task = ?")
            let deleteTask = try db.cachedStatement(sql: "DELETE FROM sync_task WHERE id = ?")
            var tasks = 0, records = 0
            for id in candidates {
                let held = try Int.fetchOne(countRecords, arguments: [id]) ?? 0
                if records + held > maxRecords {
                    if tasks == 0 {
                        // Too large for any batch: shed records now, the task goes in a later batch.
                        try db.run(
                            sql: "DELETE FROM task_record WHERE rowid IN (SELECT rowid FROM task_record WHERE task = ? LIMIT ?)",
                            arguments: [id, maxRecords])
                        records += db.changesCount
                    }
                    return HistoryReapBatch(tasks: tasks, records: records, finished: false)
                }
                try deleteTask.execute(arguments: [id])
                tasks += 1
                records += held
            }
            return HistoryReapBatch(tasks: tasks, records: records, finished: candidates.count < maxTasks)
        }
    }
}

extension AppDatabase {
    /// Copies the committed pages of the write-ahead log into the database file now (a PASSIVE checkpoint) on the
    /// checkpoint connection, not the writer's: it takes no write lock and waits for nobody, so writers go on
    /// meanwhile. Commits ask for the same in the background once the log passes 1,000 pages (`LogCheckpointer`);
    /// called between retention batches it keeps the log short while the reaper deletes. Returns the frames still in
    /// the log after it (a reader's snapshot can hold some back), or nil when another checkpoint was running (nothing
    /// to do then: that one copies the log).
    @discardableResult
    public func checkpointLog() throws(StoreError) -> Int? {
        try checkpointer.checkpoint()
    }
}
