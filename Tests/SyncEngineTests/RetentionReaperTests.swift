import Foundation
import Inventory
import InventoryStore
import Logging
import ServiceLifecycle
import SyncEngine
import Testing

/// The retention reaper over a real SQLite file: R12 history cutoffs, R31 PII purge, batches, dry run, its loop.
@Suite struct RetentionReaperTests {
    static let channelName = try! ChannelName("reap-us")
    static let vaultKey = try! VaultKey(bytes: (0..<32).map { UInt8($0) &* 11 &+ 5 })
    static let buyer = BuyerPII(
        buyerName: "Ola Reaperson", buyerEmail: "ola@marketplace.example", buyerPhone: "+1 555 0100",
        recipientName: "Ola Reaperson", addressLines: ["1 Harvest Road"], city: "Fieldtown",
        stateOrRegion: "WA", postalCode: "98001", countryCode: "US")

    /// A real database file with one US channel, the primary warehouse and a vault key.
    final class ReaperDatabase {
        let directory: URL
        let db: AppDatabase

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("invsync-reaper-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            db = try AppDatabase.open(path: directory.appendingPathComponent("inventory.sqlite").path, vaultKey: RetentionReaperTests.vaultKey)
            try db.registerChannels([Channel(name: RetentionReaperTests.channelName, marketplace: .us, sellerId: "SELLER")])
            try db.setPrimaryWarehouse(name: "Main")
        }

        deinit {
            db.close()
            try? FileManager.default.removeItem(at: directory)
        }

        /// A finished task that ended at `ended` with the given record outcomes (its status follows from them).
        @discardableResult
        func task(ended: Date, _ outcomes: [RecordOutcome]) throws -> SyncTask.ID {
            let id = try db.startTask(channel: channelName, module: .orders, trigger: .scheduled, now: ended.addingTimeInterval(-60))
            try db.addRecords(task: id, outcomes.enumerated().map { TaskRecord(recordId: "r\($0.offset)", kind: "order", outcome: $0.element) })
            try db.finishTask(id, now: ended)
            return id
        }
    }

    static func utc(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    func reaper(_ t: ReaperDatabase, batchSize: Int = 1000, clock: any WallClock = SystemWallClock(), interval: TimeInterval = 3600) -> RetentionReaper {
        RetentionReaper(database: t.db, clock: clock, policy: .default, batchSize: batchSize, interval: interval, logger: Logger(label: "test"))
    }

    // R12: succeeded history goes after one calendar month, failed and partial after two, to the millisecond.
    @Test func historyCutoffsAreExactCalendarMonths() async throws {
        let t = try ReaperDatabase()
        let now = Self.utc("2026-03-15T10:00:00Z")
        let oneMonth = Self.utc("2026-02-15T10:00:00Z"), twoMonths = Self.utc("2026-01-15T10:00:00Z")
        let justBefore = -0.001
        let goneSucceeded = try t.task(ended: oneMonth.addingTimeInterval(justBefore), [.synced])
        let keptSucceeded = try t.task(ended: oneMonth, [.synced])
        let keptFailed = try t.task(ended: oneMonth.addingTimeInterval(-86_400), [.failed])
        let keptPartial = try t.task(ended: oneMonth.addingTimeInterval(-86_400), [.synced, .failed])
        let goneFailed = try t.task(ended: twoMonths.addingTimeInterval(justBefore), [.failed])
        let gonePartial = try t.task(ended: twoMonths.addingTimeInterval(justBefore), [.synced, .failed])
        let keptFailedAtCutoff = try t.task(ended: twoMonths, [.failed])
        // A running task is never reaped, however old.
        let running = try t.db.startTask(channel: Self.channelName, module: .items, trigger: .manual, now: twoMonths.addingTimeInterval(-86_400 * 30))

        let dry = try await reaper(t).reap(now: now, dryRun: true)
        #expect(dry.historyDeleted == 3)
        #expect(dry.piiPurged == 0)
        #expect(try t.db.tasks(limit: 100).count == 8)  // a dry run deletes nothing

        let done = try await reaper(t).reap(now: now, dryRun: false)
        #expect(done.historyDeleted == 3)
        for id in [goneSucceeded, goneFailed, gonePartial] { #expect(try t.db.task(id: id) == nil) }
        for id in [keptSucceeded, keptFailed, keptPartial, keptFailedAtCutoff, running] { #expect(try t.db.task(id: id) != nil) }
        #expect(try await reaper(t).reap(now: now, dryRun: false).historyDeleted == 0)
    }

    // R12: a month back from 31 March is 28 February (the calendar's month, not 30 days).
    @Test func monthEndCutoff() async throws {
        let t = try ReaperDatabase()
        let now = Self.utc("2026-03-31T00:00:00Z")
        let kept = try t.task(ended: Self.utc("2026-02-28T00:00:00Z"), [.synced])
        let gone = try t.task(ended: Self.utc("2026-02-27T23:59:59Z"), [.synced])
        #expect(try await reaper(t).reap(now: now, dryRun: false).historyDeleted == 1)
        #expect(try t.db.task(id: kept) != nil)
        #expect(try t.db.task(id: gone) == nil)
    }

    // R12: many expired tasks go in several short batches, all of them in one pass.
    @Test func deletesInBatchesUntilDone() async throws {
        let t = try ReaperDatabase()
        let now = Self.utc("2026-06-01T00:00:00Z")
        for i in 0..<23 { try t.task(ended: Self.utc("2026-01-01T00:00:00Z").addingTimeInterval(Double(i)), [.synced]) }
        try t.task(ended: Self.utc("2026-05-30T00:00:00Z"), [.synced])
        let result = try await reaper(t, batchSize: 5).reap(now: now, dryRun: false)
        #expect(result.historyDeleted == 23)
        #expect(try t.db.tasks(limit: 100).count == 1)
    }

    // R31: buyer PII of fulfilled orders is purged 30 days after fulfilment; open orders keep it.
    @Test func purgesExpiredPII() async throws {
        let t = try ReaperDatabase()
        try t.db.setOrderSyncMode(.confirmedAndFulfilled)
        let shipped = Self.utc("2026-04-01T00:00:00Z")
        func order(_ id: String, _ status: OrderStatus) -> IncomingOrder {
            IncomingOrder(
                amazonOrderId: id, status: status, fulfillmentChannel: .mfn, purchasedAt: shipped.addingTimeInterval(-86_400),
                lastUpdatedAt: shipped,
                lines: [IncomingOrderLine(lineId: "\(id)-1", sku: "SKU-1", quantity: 1, unitPrice: try! Money(amount: "5.00", currency: "USD"))],
                buyer: Self.buyer)
        }
        let orders = (0..<7).map { order("111-000000\($0)", .shipped) } + [order("111-OPEN", .unshipped)]
        try t.db.upsertOrders(channel: Self.channelName, orders: orders, cursor: nil)

        let early = try await reaper(t, batchSize: 3).reap(now: shipped.addingTimeInterval(29 * 86_400), dryRun: false)
        #expect(early.piiPurged == 0)
        let later = shipped.addingTimeInterval(31 * 86_400)
        #expect(try await reaper(t, batchSize: 3).reap(now: later, dryRun: true).piiPurged == 7)
        #expect(try t.db.order(amazonOrderId: "111-0000000")?.piiState == .present)
        let done = try await reaper(t, batchSize: 3).reap(now: later, dryRun: false)
        #expect(done.piiPurged == 7)
        #expect(try t.db.order(amazonOrderId: "111-0000003")?.piiState == .purged)
        let open = try #require(try t.db.order(amazonOrderId: "111-OPEN"))
        #expect(open.piiState == .present)
        #expect(try t.db.revealBuyer(order: open.id) == Self.buyer)
    }

    // R12: as a service, it reaps at start and again every interval, and stops on shutdown.
    @Test func runsEveryInterval() async throws {
        let t = try ReaperDatabase()
        let clock = ManualWallClock(Self.utc("2026-06-01T00:00:00Z"))
        let first = try t.task(ended: Self.utc("2026-04-01T00:00:00Z"), [.synced])
        let service = reaper(t, clock: clock, interval: 3600)
        let group = ServiceGroup(configuration: .init(services: [service], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            #expect(await eventually { (try? t.db.task(id: first)) == nil })
            // Within the month kept: it survives the next pass, and goes once a month has passed since it ended.
            let second = try t.task(ended: Self.utc("2026-05-15T00:00:00Z"), [.synced])
            #expect(await eventually { clock.sleeping == 1 })
            clock.advance(by: 3600)
            try await Task.sleep(for: .milliseconds(200))
            #expect(try t.db.task(id: second) != nil)
            clock.advance(by: 17 * 86_400)
            #expect(await eventually { (try? t.db.task(id: second)) == nil })
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
