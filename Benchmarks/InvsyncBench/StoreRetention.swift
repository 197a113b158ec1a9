import Foundation
import GRDB
import Inventory
import InventoryStore
import Logging
import SyncEngine

/// Retention (R12): `RetentionReaper.reap` over 1,000,000 expired history records, and the longest write
/// transaction a pass holds.
///
/// History mix: 10,000 expired tasks × 100 records (80% succeeded ended 35–95 days ago, 10% failed and 10% partial
/// ended 65–125 days ago; 2 failed records per task), plus 100 recent tasks × 100 records that must survive.
enum StoreRetention {
    static let expiredTasks = 10_000
    static let recordsPerTask = 100
    static let recentTasks = 100

    struct Result {
        var seconds: Double
        var deletedTasks: Int
    }

    /// Builds the seeded database once; each run works on a copy of it.
    static func seed(into directory: String) throws -> String {
        let path = directory + "/template.sqlite"
        let database = try AppDatabase.open(path: path)
        try database.registerChannels([Channel(name: try ChannelName("amazon-us"), marketplace: .us, sellerId: "A2SANDBOXSELLER")])
        database.close()
        let queue = try DatabaseQueue(path: path)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let day: Int64 = 86_400_000
        try queue.write { db in
            // Expired tasks first, then recent ones; ids are assigned in that order.
            try db.execute(
                sql: """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
                    INSERT INTO sync_task (id, channel, module, trigger, status, started_at, ended_at, synced, failed)
                    SELECT i, 'amazon-us', CASE WHEN i % 2 = 0 THEN 'orders' ELSE 'items' END, 'scheduled', s, e - 60000, e,
                           CASE WHEN s = 'succeeded' THEN 100 ELSE 98 END, CASE WHEN s = 'succeeded' THEN 0 ELSE 2 END
                    FROM (SELECT i, CASE i % 10 WHEN 0 THEN 'failed' WHEN 1 THEN 'partial' ELSE 'succeeded' END AS s,
                                 CASE WHEN i % 10 IN (0, 1) THEN ?2 - (65 + i % 60) * ?3 ELSE ?2 - (35 + i % 60) * ?3 END AS e
                          FROM n)
                    """,
                arguments: [expiredTasks, now, day])
            try db.execute(
                sql: """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
                    INSERT INTO sync_task (id, channel, module, trigger, status, started_at, ended_at, synced, failed)
                    SELECT ?2 + i, 'amazon-us', 'orders', 'scheduled', 'succeeded', ?3 - ?4 - 60000, ?3 - ?4, 100, 0 FROM n
                    """,
                arguments: [recentTasks, expiredTasks, now, day])
            try db.execute(
                sql: """
                    WITH RECURSIVE r(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM r WHERE j < ?1)
                    INSERT INTO task_record (task, record_id, kind, outcome, reason)
                    SELECT t.id, printf('113-%07d-%07d', t.id, r.j), 'order',
                           CASE WHEN t.status <> 'succeeded' AND r.j <= 2 THEN 'failed' ELSE 'synced' END,
                           CASE WHEN t.status <> 'succeeded' AND r.j <= 2 THEN 'the order came without a fulfillment status' END
                    FROM sync_task t, r ORDER BY t.id, r.j
                    """,
                arguments: [recordsPerTask])
        }
        try queue.close()
        return path
    }

    static func copy(_ template: String, in directory: String) throws -> String {
        let path = directory + "/run-\(UUID().uuidString).sqlite"
        try FileManager.default.copyItem(atPath: template, toPath: path)
        return path
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// One full `RetentionReaper.reap` pass (the daemon's default batch size) on a fresh copy; checks what is left.
    static func runReap(template: String, directory: String) async throws -> Result {
        let path = try copy(template, in: directory)
        defer { remove(path) }
        let database = try AppDatabase.open(path: path)
        defer { database.close() }
        let reaper = RetentionReaper(database: database, clock: SystemWallClock(), logger: Logger(label: "bench"))
        let clock = ContinuousClock()
        let started = clock.now
        let (history, _) = try await reaper.reap(now: Date(), dryRun: false)
        let elapsed = started.duration(to: clock.now)
        try verify(path: path, deletedTasks: history)
        return Result(seconds: StoreIngest.seconds(elapsed), deletedTasks: history)
    }

    /// The longest write transaction of a pass and the pass's total: the reaper's transactions are its history
    /// batch calls (one transaction each), so each call is timed, on a fresh copy, in the reaper's loop.
    /// `recordBounded` false runs the batching the reaper used before issue 6 (1,000 tasks, records cascading).
    /// `checkpoints`: as the reaper does, a passive checkpoint on its own connection after each batch, timed apart
    /// (it holds no write lock); without, only the store's background checkpoint copies the log (`LogCheckpointer`:
    /// asked for by commits past 1,000 log pages; past 4,000 the writer copies it inside its commit).
    static func runTimedBatches(template: String, directory: String, recordBounded: Bool, checkpoints: Bool = false) throws
        -> (longest: Double, total: Double, batches: Int, longestCheckpoint: Double)
    {
        let path = try copy(template, in: directory)
        defer { remove(path) }
        let database = try AppDatabase.open(path: path)
        defer { database.close() }
        let cutoffs = RetentionPolicy.default.cutoffs(now: Date())
        let clock = ContinuousClock()
        var longest = Duration.zero, total = Duration.zero, longestCheckpoint = Duration.zero
        var batches = 0
        var deleted = 0
        while true {
            let started = clock.now
            let done: Bool
            if recordBounded {
                let batch = try database.reapExpiredHistory(
                    before: cutoffs.succeeded, failedBefore: cutoffs.failed, maxTasks: RetentionReaper.defaultBatchSize,
                    maxRecords: RetentionReaper.defaultMaxRecordsPerBatch)
                deleted += batch.tasks
                done = batch.finished
            } else {
                let n = try database.deleteExpiredHistory(
                    before: cutoffs.succeeded, failedBefore: cutoffs.failed, batchSize: RetentionReaper.defaultBatchSize)
                deleted += n
                done = n < RetentionReaper.defaultBatchSize
            }
            let took = started.duration(to: clock.now)
            longest = max(longest, took)
            total += took
            batches += 1
            if checkpoints {
                let checkpointStarted = clock.now
                try database.checkpointLog()
                longestCheckpoint = max(longestCheckpoint, checkpointStarted.duration(to: clock.now))
            }
            if done { break }
        }
        try verify(path: path, deletedTasks: deleted)
        return (StoreIngest.seconds(longest), StoreIngest.seconds(total), batches, StoreIngest.seconds(longestCheckpoint))
    }

    /// Every expired task and record is gone; the recent ones are all there.
    static func verify(path: String, deletedTasks: Int) throws {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        let (tasks, records) = try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM sync_task") ?? -1,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM task_record") ?? -1)
        }
        guard tasks == recentTasks, records == recentTasks * recordsPerTask else {
            throw BenchmarkFailure("after the reap: \(tasks) tasks and \(records) records left, expected \(recentTasks) and \(recentTasks * recordsPerTask) (reported \(deletedTasks) deleted)")
        }
    }
}
