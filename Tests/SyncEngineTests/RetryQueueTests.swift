import SandboxHarness
import Foundation
import Inventory
import InventoryStore
import Logging
import SellingPartner
import SyncEngine
import Testing

/// The retry queue service against the real sandbox (faults injected), a real SQLite file and a manual wall clock (R11).
@Suite(.serialized)
struct RetryQueueTests {
    static let channel = try! ChannelName("amazon-us")
    /// Jitter fixed at one half: the n-th retry waits 30 × 2^(n-1) seconds.
    static let policy = Inventory.RetryPolicy(base: 60, factor: 2, cap: 3600, maxAttempts: 3)

    struct Fixture {
        let sandbox: SandboxHarness
        let temp: TemporaryDatabase
        let clock: ManualWallClock
        let queue: RetryQueue
        let sku: String
    }

    /// One client attempt per request, so each injected fault fails exactly one retry attempt.
    static func fixture() async throws -> Fixture {
        let sandbox = try await SandboxHarness.start { c in
            c.listings = 30
            c.orders = 10
        }
        let temp = try TemporaryDatabase()
        let clock = ManualWallClock()
        let client = sandbox.client(retry: SellingPartner.RetryPolicy(maxAttempts: 1, baseDelay: .milliseconds(5)))
        let environment = try sandbox.environment(temp.db, clock: clock, client: client)
        let runner = SyncRunner(modules: [.items: ItemSync(environment: environment)])
        let queue = RetryQueue(database: temp.db, runner: runner, clock: clock, policy: policy, random: { 0.5 },
                               logger: Logger(label: "test.retry"))
        let sku = try #require(try await sandbox.usListings().first?.sku)
        return Fixture(sandbox: sandbox, temp: temp, clock: clock, queue: queue, sku: sku)
    }

    static func retryTasks(_ db: AppDatabase) throws -> [SyncTask] {
        try db.tasks(channel: channel).filter { $0.trigger == .retry }
    }

    @Test("a retry that fails once succeeds on the second attempt; the service sleeps on the clock in between (R11)")
    func succeedsOnSecondAttempt() async throws {
        let f = try await Self.fixture()
        defer { f.sandbox.stop() }
        let db = f.temp.db
        try db.enqueueRetry(channel: Self.channel, module: .items, kind: "listing", recordId: f.sku, nextAttemptAt: f.clock.now(),
                            lastError: "Amazon answered 503", task: nil, now: f.clock.now())
        try await f.sandbox.fault("getListingsItem", "status", status: 503, count: 1)
        let queue = f.queue
        let service = Task { try await queue.run() }
        try await whileRunning(service) {
            // First attempt: the fault; the entry waits 30 s (half of the 60 s ceiling).
            #expect(try await eventually { try db.retries(channel: Self.channel).first?.attempts == 1 && f.clock.sleeping > 0 })
            let entry = try #require(try db.retries(channel: Self.channel).first)
            #expect(entry.nextAttemptAt == f.clock.now().addingTimeInterval(30))
            #expect(entry.lastError?.contains("503") == true)
            #expect(try db.listing(channel: Self.channel, sku: f.sku) == nil)

            f.clock.advance(by: 29)
            try await Task.sleep(for: .milliseconds(200))
            #expect(try db.retries(channel: Self.channel).count == 1)  // not due yet: no attempt early
            f.clock.advance(by: 1)
            #expect(try await eventually { try db.retries(channel: Self.channel).isEmpty })
            #expect(try db.listing(channel: Self.channel, sku: f.sku) != nil)
            let tasks = try Self.retryTasks(db)
            #expect(tasks.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.failed, .succeeded])
            #expect(try await f.sandbox.counts("getListingsItem").requests == 2)
        }
    }

    @Test("a retry that fails every attempt leaves the queue and stays failed in the history with the reason (R11)")
    func failsEveryAttempt() async throws {
        let f = try await Self.fixture()
        defer { f.sandbox.stop() }
        let db = f.temp.db
        try db.enqueueRetry(channel: Self.channel, module: .items, kind: "listing", recordId: f.sku, nextAttemptAt: f.clock.now(),
                            lastError: "Amazon answered 503", task: nil, now: f.clock.now())
        try await f.sandbox.fault("getListingsItem", "status", status: 503, count: 100)

        #expect(try await f.queue.retryDue() == 1)
        #expect(try db.retries(channel: Self.channel).first?.attempts == 1)
        #expect(try await f.queue.retryDue() == 0)  // not due before its time
        f.clock.advance(by: 30)
        #expect(try await f.queue.retryDue() == 1)
        #expect(try db.retries(channel: Self.channel).first?.attempts == 2)
        f.clock.advance(by: 60)
        #expect(try await f.queue.retryDue() == 1)

        #expect(try db.retries(channel: Self.channel).isEmpty)
        let tasks = try Self.retryTasks(db)
        #expect(tasks.count == 3 && tasks.allSatisfy { $0.status == .failed })
        let last = try #require(tasks.first)
        let record = try #require(try db.task(id: last.id)?.1.first { $0.recordId == f.sku })
        #expect(record.outcome == .failed)
        #expect(record.reason?.hasPrefix("gave up after 3 attempts") == true)
        #expect(record.reason?.contains("503") == true)
        // Never switched off silently: the channel stays enabled; the record is resyncable through its task.
        #expect(try db.channel(named: Self.channel)?.1.enabled == true)
        let client = f.sandbox.client(retry: SellingPartner.RetryPolicy(maxAttempts: 1, baseDelay: .milliseconds(5)))
        let resync = await ItemSync(environment: try f.sandbox.environment(db, clock: f.clock, client: client)).run(
            SyncRequest(channel: Self.channel, module: .items, trigger: .resync, resyncOf: last.id))
        #expect(resync.status == .failed)  // the fault is still there; the record is fetched again
        #expect(try await f.sandbox.counts("getListingsItem").requests == 4)
        #expect(try db.retries(channel: Self.channel).map(\.recordId) == [f.sku])  // transient again: queued again
    }

    @Test("an idle queue sleeps on the clock and sees an entry queued meanwhile within the 60 s recheck, not at once")
    func idleQueueRechecks() async throws {
        let f = try await Self.fixture()
        defer { f.sandbox.stop() }
        let db = f.temp.db
        let queue = f.queue
        let service = Task { try await queue.run() }
        try await whileRunning(service) {
            #expect(await eventually { f.clock.sleeping == 1 })
            try db.enqueueRetry(channel: Self.channel, module: .items, kind: "listing", recordId: f.sku, nextAttemptAt: f.clock.now(),
                                lastError: "timeout", task: nil, now: f.clock.now())
            try await Task.sleep(for: .milliseconds(200))
            #expect(try db.retries(channel: Self.channel).count == 1)  // asleep: no polling in between
            #expect(try await f.sandbox.counts("getListingsItem").requests == 0)
            f.clock.advance(by: 60)
            #expect(try await eventually { try db.retries(channel: Self.channel).isEmpty })
            #expect(try db.listing(channel: Self.channel, sku: f.sku) != nil)
        }
    }

    @Test("a listing gone from Amazon leaves the queue after one attempt: retrying cannot bring it back")
    func permanentFailureIsNotRetried() async throws {
        let f = try await Self.fixture()
        defer { f.sandbox.stop() }
        let db = f.temp.db
        try db.enqueueRetry(channel: Self.channel, module: .items, kind: "listing", recordId: "GONE-SKU", nextAttemptAt: f.clock.now(),
                            lastError: "timeout", task: nil, now: f.clock.now())
        #expect(try await f.queue.retryDue() == 1)
        #expect(try db.retries(channel: Self.channel).isEmpty)
        let task = try #require(try Self.retryTasks(db).first)
        #expect(try db.task(id: task.id)?.1.first?.reason == "listing no longer on Amazon")
    }
}
