import Foundation
import Inventory
import InventoryStore
import Logging
import Synchronization
import SyncEngine
import Testing

/// Records each run and returns at once.
final class RecordingWork: Sendable {
    private let log = Mutex<[SyncRequest]>([])
    var requests: [SyncRequest] { log.withLock { $0 } }
    func perform(_ request: SyncRequest) async -> SyncOutcome {
        log.withLock { $0.append(request) }
        return SyncOutcome(task: nil, status: .succeeded, synced: 0, failed: 0)
    }
}

@Suite struct SyncSchedulerTests {
    let name = try! ChannelName("amazon-us")

    func start(_ t: TemporaryDatabase, _ clock: ManualWallClock, _ work: RecordingWork) throws -> Task<Void, any Error> {
        try t.db.registerChannels([Channel(name: name, marketplace: .us, sellerId: "A2SELLER")])
        let coordinator = SyncCoordinator { await work.perform($0) }
        let scheduler = SyncScheduler(channel: name, database: t.db, coordinator: coordinator, clock: clock,
                                      logger: Logger(label: "test"))
        return Task { try await scheduler.run() }
    }

    func settings(_ t: TemporaryDatabase) throws -> ChannelSettings { try #require(try t.db.channel(named: name)).1 }

    /// R5: a channel never synced syncs at once (items, then orders); R6: then every interval, with a stable jitter.
    @Test func firstSyncAtOnceThenEveryInterval() async throws {
        let t = try TemporaryDatabase()
        let clock = ManualWallClock()
        let work = RecordingWork()
        let task = try start(t, clock, work)
        try await whileRunning(task) {
            #expect(await eventually { work.requests.count == 2 })
            #expect(work.requests.map(\.module) == [.items, .orders])
            #expect(work.requests.allSatisfy { $0.trigger == .initial })
            #expect(try await eventually { try settings(t).lastSyncAt == clock.now() })
            let first = clock.now()
            let next = try #require(try settings(t).nextSyncAt)
            let interval = next.timeIntervalSince(first)
            // 4 h by default, plus up to 10% jitter.
            #expect(interval >= 4 * 3600 && interval < 4.4 * 3600)
            // Nothing more runs before the next date, however often the scheduler re-reads its settings.
            for _ in 0..<10 {
                #expect(await eventually { clock.sleeping == 1 })
                clock.advance(by: min(60, next.timeIntervalSince(clock.now()) - 1))
            }
            #expect(work.requests.count == 2)
            while clock.now() < next {
                #expect(await eventually { clock.sleeping == 1 })
                clock.advance(by: 3600)
            }
            #expect(await eventually { work.requests.count == 4 })
            #expect(work.requests.suffix(2).allSatisfy { $0.trigger == .scheduled })
        }
    }

    /// R4: a disabled channel has no scheduled sync; R6: a new interval takes effect within the recheck period.
    @Test func disabledChannelsWaitAndIntervalChangesApply() async throws {
        let t = try TemporaryDatabase()
        let clock = ManualWallClock()
        let work = RecordingWork()
        let task = try start(t, clock, work)
        try await whileRunning(task) {
            #expect(await eventually { work.requests.count == 2 })
            try t.db.setEnabled(channel: name, false)
            for _ in 0..<10 {
                #expect(await eventually { clock.sleeping == 1 })
                clock.advance(by: 3600)
            }
            #expect(work.requests.count == 2)
            #expect(try settings(t).nextSyncAt == nil)
            try t.db.setSyncInterval(channel: name, try SyncInterval(minutes: 30))
            try t.db.setEnabled(channel: name, true)
            // The last run is 10 h ago: due at once with the 30-minute interval.
            #expect(await eventually { clock.sleeping == 1 })
            clock.advance(by: 60)
            #expect(await eventually { work.requests.count == 4 })
            let next = try #require(try await eventually { try settings(t).nextSyncAt.map { $0 > clock.now() } ?? false } ? settings(t).nextSyncAt : nil)
            #expect(next.timeIntervalSince(clock.now()) <= 33 * 60)
        }
    }
}

@Suite struct SyncSchedulerActivationTests {
    let name = try! ChannelName("amazon-uk")

    /// R2: a channel whose prerequisite check fails does not sync; the check runs again later, and once it passes
    /// the channel's first sync is its initial one (R5).
    @Test func failedPrerequisitesBlockTheCycleUntilTheyPass() async throws {
        let t = try TemporaryDatabase()
        try t.db.registerChannels([Channel(name: name, marketplace: .uk, sellerId: "A2SELLER")])
        let clock = ManualWallClock()
        let work = RecordingWork()
        let passes = Mutex(false)
        let checks = Mutex(0)
        let scheduler = SyncScheduler(
            channel: name, database: t.db, coordinator: SyncCoordinator { await work.perform($0) }, clock: clock,
            activate: { _ in
                checks.withLock { $0 += 1 }
                return passes.withLock { $0 }
            }, activationRetry: 900, logger: Logger(label: "test"))
        let task = Task { try await scheduler.run() }
        try await whileRunning(task) {
            #expect(await eventually { checks.withLock { $0 } == 1 })
            // Ten minutes later: no second check yet, no sync.
            for _ in 0..<10 {
                #expect(await eventually { clock.sleeping == 1 })
                clock.advance(by: 60)
            }
            #expect(checks.withLock { $0 } == 1)
            #expect(work.requests.isEmpty)
            passes.withLock { $0 = true }
            for _ in 0..<6 {
                #expect(await eventually { clock.sleeping == 1 })
                clock.advance(by: 60)
            }
            #expect(await eventually { work.requests.count == 2 })
            #expect(checks.withLock { $0 } == 2)
            #expect(work.requests.allSatisfy { $0.trigger == .initial })
        }
    }
}
