import Foundation
import Inventory
import InventoryStore
import Logging
import ServiceLifecycle

/// Retries records that failed transiently, from the persistent retry queue, with backoff and jitter (R11).
///
/// It sleeps on the wall clock until the earliest due entry, waking at least every `recheck` so entries queued
/// meanwhile are seen without polling. Due entries are fetched again by their module's `refetch`, one `.retry`
/// task per channel and module. A record that comes in leaves the queue; one that fails again is rescheduled;
/// after the policy's last attempt, or when the failure is not transient, it leaves the queue and stays a
/// failed record in the history, where a resync can fetch it again (sync never switches itself off silently).
public struct RetryQueue: Service {
    private let database: AppDatabase
    private let runner: SyncRunner
    private let clock: any WallClock
    private let policy: RetryPolicy
    private let recheck: TimeInterval
    private let batchLimit: Int
    private let random: @Sendable () -> Double
    private let logger: Logger

    /// `random` picks the jitter in [0, 1) (tests fix it); `batchLimit` = entries taken per pass.
    public init(database: AppDatabase, runner: SyncRunner, clock: any WallClock, policy: RetryPolicy = .init(),
                recheck: TimeInterval = 60, batchLimit: Int = 100,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, logger: Logger) {
        self.database = database
        self.runner = runner
        self.clock = clock
        self.policy = policy
        self.recheck = max(1, recheck)
        self.batchLimit = max(1, batchLimit)
        self.random = random
        self.logger = logger
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await loop() }
        } catch is CancellationError {
            // Shutdown: entries not yet retried stay in the queue for the next start.
        }
    }

    private func loop() async throws {
        while !Task.isCancelled {
            var handled = 0
            do {
                handled = try await retryDue()
            } catch let error where !(error is CancellationError) {
                logger.notice("retry pass failed", metadata: ["reason": "\(error)"])
            }
            if handled >= batchLimit { continue }  // more may be due at once
            let now = clock.now()
            let next = (try? nextDue()) ?? nil
            try await clock.sleep(until: min(next ?? .distantFuture, now.addingTimeInterval(recheck)))
        }
    }

    /// The earliest due time of any queued entry.
    func nextDue() throws(StoreError) -> Date? {
        var earliest: Date?
        for (channel, _) in try database.channels() {
            if let first = try database.retries(channel: channel.name).first?.nextAttemptAt,
                earliest.map({ first < $0 }) ?? true
            {
                earliest = first
            }
        }
        return earliest
    }

    /// Retries every entry due now; returns how many entries it handled.
    @discardableResult
    public func retryDue() async throws -> Int {
        let due = try database.dueRetries(now: clock.now(), limit: batchLimit)
        guard !due.isEmpty else { return 0 }
        var groups: [GroupKey: [RetryEntry]] = [:]
        for entry in due { groups[GroupKey(channel: entry.channel, module: entry.module), default: []].append(entry) }
        for (key, entries) in groups.sorted(by: { ($0.key.channel.rawValue, $0.key.module.rawValue) < ($1.key.channel.rawValue, $1.key.module.rawValue) }) {
            try await retry(key, entries)
        }
        return due.count
    }

    private struct GroupKey: Hashable {
        var channel: ChannelName
        var module: SyncModule
    }

    /// One `.retry` task for the entries of one channel and module.
    private func retry(_ key: GroupKey, _ entries: [RetryEntry]) async throws {
        let metadata: Logger.Metadata = ["channel": "\(key.channel)", "module": "\(key.module)"]
        guard let module = runner.module(key.module) else {
            // Not configured now (e.g. after a reload): keep the entries and look again later.
            logger.notice("retry postponed: module not configured", metadata: metadata)
            for e in entries {
                try database.rescheduleRetry(e.id, attempts: e.attempts, nextAttemptAt: clock.now().addingTimeInterval(recheck), lastError: e.lastError)
            }
            return
        }
        let task = try database.startTask(channel: key.channel, module: key.module, trigger: .retry, now: clock.now())
        var succeeded = 0
        var gaveUp = 0
        for entry in entries {
            let records = await module.refetch(channel: entry.channel, recordIds: [entry.recordId], task: task)
            let record = records.first { $0.recordId == entry.recordId }
            if let record, record.outcome != .failed {
                try database.removeRetry(entry.id)
                succeeded += 1
                continue
            }
            let reason = record?.reason ?? "the record was not fetched"
            let attempts = entry.attempts + 1
            // refetch queues a record again only when its failure was transient; otherwise retrying is pointless.
            let requeued = try database.retries(channel: entry.channel)
                .first { $0.id == entry.id }.map { $0.nextAttemptAt != entry.nextAttemptAt } ?? false
            if requeued, let next = policy.nextAttempt(after: attempts, now: clock.now(), random: random()) {
                try database.rescheduleRetry(entry.id, attempts: attempts, nextAttemptAt: next, lastError: reason)
            } else {
                try database.removeRetry(entry.id)
                gaveUp += 1
                let final = requeued ? "gave up after \(attempts) attempts: \(reason)" : reason
                try database.addRecords(task: task, [TaskRecord(recordId: entry.recordId, kind: entry.kind, outcome: .failed, reason: final)])
            }
        }
        let status = try database.finishTask(task, now: clock.now())
        logger.info("retry pass finished", metadata: metadata.merging([
            "task": "\(task)", "status": "\(status)", "entries": "\(entries.count)", "succeeded": "\(succeeded)", "gaveUp": "\(gaveUp)",
        ]) { a, _ in a })
    }
}
