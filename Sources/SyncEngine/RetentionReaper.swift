import Foundation
import Inventory
import InventoryStore
import Logging
import ServiceLifecycle

/// Deletes expired sync history (R12) and purges expired buyer PII (R31) every `interval`, in small batches.
///
/// Each batch is one short write transaction, so sync writers never wait long for the lock; the loop yields
/// between batches for the same reason.
public struct RetentionReaper: Service {
    private let database: AppDatabase
    private let clock: any WallClock
    private let policy: RetentionPolicy
    private let batchSize: Int
    private let maxRecordsPerBatch: Int
    private let interval: TimeInterval
    private let logger: Logger

    /// At most this many expired tasks per history batch, and per PII purge batch.
    public static let defaultBatchSize = 1000
    /// At most this many task records per history batch: deleting records is what takes the time (a task
    /// can hold thousands); 2,000 keep one batch under 100 ms of write lock on a loaded 2-core machine.
    public static let defaultMaxRecordsPerBatch = 2000

    public init(
        database: AppDatabase, clock: any WallClock, policy: RetentionPolicy = .default, batchSize: Int = RetentionReaper.defaultBatchSize,
        maxRecordsPerBatch: Int = RetentionReaper.defaultMaxRecordsPerBatch, interval: TimeInterval = 3600, logger: Logger
    ) {
        self.database = database
        self.clock = clock
        self.policy = policy
        self.batchSize = max(1, batchSize)
        self.maxRecordsPerBatch = max(1, maxRecordsPerBatch)
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await loop() }
        } catch is CancellationError {
            // Shutdown: every batch committed on its own; nothing to undo.
        }
    }

    private func loop() async throws {
        while !Task.isCancelled {
            do {
                _ = try await reap(now: clock.now(), dryRun: false)
            } catch let error as StoreError {
                // A failed pass is retried at the next interval; expired rows only wait longer.
                logger.warning("retention pass failed", metadata: ["error": "\(error)"])
            }
            try await clock.sleep(until: clock.now().addingTimeInterval(interval))
        }
    }

    /// One pass: deletes (or, with `dryRun`, only counts) the history and PII that are expired at `now`.
    public func reap(now: Date, dryRun: Bool) async throws -> (historyDeleted: Int, piiPurged: Int) {
        let cutoffs = policy.cutoffs(now: now)
        if dryRun {
            let history = try database.countExpiredHistory(before: cutoffs.succeeded, failedBefore: cutoffs.failed)
            let pii = try database.countExpiredPII(now: now)
            logger.info("retention dry run", metadata: ["history": "\(history)", "pii": "\(pii)"])
            return (history, pii)
        }
        var history = 0
        while true {
            let batch = try database.reapExpiredHistory(
                before: cutoffs.succeeded, failedBefore: cutoffs.failed, maxTasks: batchSize, maxRecords: maxRecordsPerBatch)
            history += batch.tasks
            checkpoint()
            if batch.finished { break }
            await Task.yield()
        }
        var pii = 0
        while true {
            let purged = try database.purgeExpiredPII(now: now, batchSize: batchSize)
            pii += purged
            checkpoint()
            if purged < batchSize { break }
            await Task.yield()
        }
        if history > 0 || pii > 0 {
            logger.notice("retention pass removed expired data", metadata: ["history": "\(history)", "pii": "\(pii)"])
        } else {
            logger.info("retention pass found nothing expired")
        }
        return (history, pii)
    }

    /// Between batches, outside the write lock: copies the log into the database file on a connection of its own, so
    /// the log stays short while the reaper deletes. Before the store's background checkpoint, SQLite's automatic one
    /// ran inside a commit once the log passed 1,000 pages: it was the 129 ms batch among ~15 ms ones. The store now
    /// checkpoints inside a commit only past 4,000 pages, which these calls keep the log well below.
    private func checkpoint() {
        do {
            try database.checkpointLog()
        } catch {
            // Harmless: the store's background checkpoint (or, past 4,000 pages, the writer) still copies the log.
            logger.debug("retention checkpoint failed", metadata: ["error": "\(error)"])
        }
    }
}
