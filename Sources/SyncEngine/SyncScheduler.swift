import Foundation
import Inventory
import InventoryStore
import Logging
import ServiceLifecycle

/// Runs one channel's automatic sync cycle on its interval (R6), starting at once after first authorisation (R5).
///
/// The schedule lives in the database (`lastSyncAt`/`nextSyncAt`), so it survives restarts; the scheduler re-reads the
/// channel's settings at least every `recheck`, so an interval change, a disable or an enable takes effect within it.
/// Each cycle first checks the channel's prerequisites against Amazon (R2) when an `activate` check is given; a channel
/// that fails it stays inactive with the reason and is checked again after `activationRetry` (its next cycle).
public struct SyncScheduler: Service {
    /// Checks a channel's prerequisites against Amazon (R2), records the outcome, and says whether it may sync.
    public typealias Activation = @Sendable (ChannelName) async -> Bool

    private let channel: ChannelName
    private let database: AppDatabase
    private let coordinator: SyncCoordinator
    private let clock: any WallClock
    private let cycle: [SyncModule]
    private let recheck: TimeInterval
    private let jitterFraction: Double
    private let activate: Activation?
    private let activationRetry: TimeInterval
    private let logger: Logger

    /// `cycle` = the modules each run syncs, in order (items first, so order lines find their listings).
    public init(channel: ChannelName, database: AppDatabase, coordinator: SyncCoordinator, clock: any WallClock,
                cycle: [SyncModule] = [.items, .orders], recheck: TimeInterval = 60, jitterFraction: Double = 0.1,
                activate: Activation? = nil, activationRetry: TimeInterval = 900, logger: Logger) {
        self.channel = channel
        self.database = database
        self.coordinator = coordinator
        self.clock = clock
        self.cycle = cycle
        self.recheck = recheck
        self.jitterFraction = jitterFraction
        self.activate = activate
        self.activationRetry = activationRetry
        self.logger = logger
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    do {
                        try await loop()
                        return
                    } catch is CancellationError {
                        throw CancellationError()
                    } catch {
                        // The store failed (a full disk, say): say so and try again later; never stop the daemon.
                        logger.error("scheduler could not read or record its schedule", metadata: [
                            "channel": "\(channel)", "error": "\(error)", "retry_in_s": "\(Int(recheck))",
                        ])
                        try await clock.sleep(until: clock.now().addingTimeInterval(recheck))
                    }
                }
            }
        } catch is CancellationError {
            // Shutdown: a run in progress ends with its own transaction; nothing half-written to undo.
        }
    }

    private func loop() async throws {
        let seed = SyncSchedule.seed(for: channel)
        // After a failed prerequisite check, the next check is not before this (in memory: a restart checks at once).
        var blockedUntil: Date?
        while !Task.isCancelled {
            guard let (_, settings) = try database.channel(named: channel) else {
                logger.notice("scheduler stopped: channel no longer declared", metadata: ["channel": "\(channel)"])
                return
            }
            let now = clock.now()
            guard settings.enabled, activate != nil || settings.state != .inactive else {
                if settings.nextSyncAt != nil { try database.recordSyncTimes(channel: channel, last: settings.lastSyncAt, next: nil) }
                try await clock.sleep(until: now.addingTimeInterval(recheck))
                continue
            }
            let schedule = SyncSchedule(interval: settings.syncInterval, jitterFraction: jitterFraction)
            let next = schedule.nextRun(lastRun: settings.lastSyncAt, seed: seed, now: now)
            let due = max(next, blockedUntil ?? next)
            if settings.nextSyncAt != due {
                try database.recordSyncTimes(channel: channel, last: settings.lastSyncAt, next: due)
            }
            if due > now {
                try await clock.sleep(until: min(due, now.addingTimeInterval(recheck)))
                continue  // re-read: the settings may have changed while we slept
            }
            if let activate {
                guard await activate(channel) else {
                    blockedUntil = now.addingTimeInterval(activationRetry)
                    logger.notice("sync cycle skipped: channel not active", metadata: [
                        "channel": "\(channel)", "retry_in_s": "\(Int(activationRetry))",
                    ])
                    continue
                }
                blockedUntil = nil
            }
            let trigger: SyncTrigger = settings.lastSyncAt == nil ? .initial : .scheduled
            logger.info("scheduled sync starting", metadata: ["channel": "\(channel)", "trigger": "\(trigger)"])
            for module in cycle {
                try Task.checkCancellation()
                let outcome = await coordinator.run(SyncRequest(channel: channel, module: module, trigger: trigger))
                logger.info("scheduled sync finished", metadata: [
                    "channel": "\(channel)", "module": "\(module)", "status": "\(outcome.status)",
                    "synced": "\(outcome.synced)", "failed": "\(outcome.failed)",
                ])
            }
            try database.recordSyncTimes(channel: channel, last: now, next: schedule.nextRun(lastRun: now, seed: seed, now: now))
        }
    }
}
