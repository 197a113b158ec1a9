import Foundation
import Inventory
import InventoryStore
import SandboxHarness
import SellerCentralSandbox
import SellingPartner
import Testing
@testable import SyncEngine

/// The buyer-data phase of the order backfill against the real sandbox and a real SQLite file (issue 7 item 2, R30):
/// it runs after the hand-over has written the cursor, resumes from the store after a stop, asks in purchase order,
/// and never asks twice for an order.
@Suite struct OrderBackfillBuyerPhaseTests {
    typealias Store = OrderBackfillScenarioTests.Store

    /// The open MFN orders of a store: the purchase dates of those with buyer data and of those still without.
    static func openMFN(_ store: Store) throws -> (with: [Date], without: [SalesOrder]) {
        let open = try store.db.orders(channel: store.us, limit: 1_000_000).filter { $0.fulfillmentChannel == .mfn && $0.status.isConfirmed }
        return (open.filter { $0.piiState == .present }.map(\.purchasedAt), open.filter { $0.piiState != .present })
    }

    static func searchCalls(_ sandbox: SandboxHarness) async throws -> Int {
        try await sandbox.counts("searchOrders").requests
    }

    @Test func theCursorIsWrittenFirstAndAStoppedBuyerPhaseResumesWithoutAskingTwice() async throws {
        let sandbox = try await OrderBackfillScenarioTests.sandbox(orders: 1000)
        defer { sandbox.stop() }
        let clock = try await OrderSandboxClock(sandbox: sandbox)
        let store = try Store(sandbox, clock: clock, path: .report, pageSize: 10, mode: .confirmedAndFulfilled)
        let reference = try Store(sandbox, clock: clock, path: .search, pageSize: 100, mode: .confirmedAndFulfilled)

        // Every searchOrders takes 300 ms, so the stop lands in the buyer phase, a few windows in.
        try await sandbox.fault("searchOrders", "delay", delayMs: 300, count: 10_000)
        let sync = store.sync, initial = SyncRequest(channel: store.us, module: .orders, trigger: .initial)
        let run = Task { await sync.run(initial) }
        var withBuyerAtCursor: Int?
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let withBuyer = try Self.openMFN(store).with.count
            let cursor = try store.db.orderCursor(channel: store.us)
            // Issue 7 item 2: the hand-over writes the cursor before the buyer windows (its own page may carry some).
            if withBuyerAtCursor == nil, cursor != nil { withBuyerAtCursor = withBuyer }
            if withBuyer >= 20 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        run.cancel()
        let stopped = await run.value
        try await sandbox.admin("DELETE", "faults")
        let atCursor = try #require(withBuyerAtCursor)
        #expect(stopped.status == .failed, "\(stopped)")

        // The stopped run left every order present and the cursor written (decision 2).
        _ = await reference.initial()
        #expect(try store.db.orderCursor(channel: store.us) != nil)
        #expect(try Set(store.comparable().orders.keys) == Set(reference.comparable().orders.keys))
        // Oldest purchase first: every order with buyer data was bought no later than every order still waiting.
        let afterStop = try Self.openMFN(store)
        let waiting = try store.db.ordersAwaitingBuyerData(channel: store.us, limit: 1_000_000)
        #expect(afterStop.with.count >= 20)
        #expect(atCursor + 10 <= afterStop.with.count, "the cursor came \(atCursor) orders into the buyer data")
        #expect(waiting.count >= 10, "the stop came too late to leave work for the next run")
        #expect(afterStop.with.max()! <= afterStop.without.map(\.purchasedAt).min()!)
        #expect(waiting.map(\.purchasedAt) == waiting.map(\.purchasedAt).sorted())
        let stoppedTask = try #require(stopped.task)
        let history = try #require(try store.db.task(id: stoppedTask)).1
        let note = try #require(history.first { $0.kind == "buyer data" })
        #expect(note.reason?.contains("the next run continues") == true, "\(note)")

        // The newest waiting order ships before its buyer data is fetched; the increment does not see it yet
        // (Amazon's two minutes), so the buyer window asks for it and Amazon does not return it.
        let shipsFirst = try #require(waiting.last)
        try await sandbox.admin("POST", "orders", ["amazonOrderId": shipsFirst.amazonOrderId, "status": "SHIPPED"])

        // The next run (an increment) resumes from the store: one call per window of the orders still waiting.
        try await sandbox.admin("DELETE", "counts")
        let resumed = await store.sync.run(SyncRequest(channel: store.us, module: .orders, trigger: .scheduled))
        #expect(resumed.status == .finished(synced: resumed.synced, failed: 0), "\(resumed)")
        let resumeCalls = try await Self.searchCalls(sandbox)
        let windows = (waiting.count + 9) / 10
        // One for the increment, one per window; a restart of the phase from its start would need about twice that.
        #expect(resumeCalls <= 1 + windows + 1, "\(resumeCalls) calls for \(waiting.count) waiting orders")
        let done = try Self.openMFN(store)
        #expect(done.without.map(\.amazonOrderId) == [shipsFirst.amazonOrderId])
        #expect(try store.db.buyerDataAskedAt(channel: store.us, amazonOrderId: shipsFirst.amazonOrderId) != nil)
        let resumedTask = try #require(resumed.task)
        let resumedNote = try #require(try store.db.task(id: resumedTask)).1.first { $0.kind == "buyer data" }
        #expect(resumedNote?.reason?.contains("1 orders came back without buyer data") == true, "\(String(describing: resumedNote))")

        // Once Amazon shows the shipment, the increment stores it; the order is never asked for again.
        try await clock.advance(by: 180)
        try await sandbox.admin("DELETE", "counts")
        let later = await store.sync.run(SyncRequest(channel: store.us, module: .orders, trigger: .scheduled))
        #expect(later.status == .finished(synced: later.synced, failed: 0), "\(later)")
        #expect(try await Self.searchCalls(sandbox) == 1)
        #expect(try store.db.order(amazonOrderId: shipsFirst.amazonOrderId, channel: store.us)?.status == .shipped)
        #expect(try store.db.ordersAwaitingBuyerData(channel: store.us, limit: 10).isEmpty)
        print("[measure] buyer phase stopped after \(afterStop.with.count) of \(afterStop.with.count + waiting.count) open MFN orders; resumed with \(resumeCalls) searchOrders calls for \(waiting.count) waiting")
    }

    /// A large backlog must not hold the channel's orders sync past its next cycle: the phase ends at the sync
    /// interval, says the rest waits, and the next run (its increment first) continues from the store.
    @Test func theBuyerPhaseKeepsToTheChannelsSyncInterval() async throws {
        let sandbox = try await OrderBackfillScenarioTests.sandbox(orders: 1000)
        defer { sandbox.stop() }
        let clock = try await OrderSandboxClock(sandbox: sandbox)
        let store = try Store(sandbox, clock: clock, path: .report, pageSize: 10, mode: .confirmedAndFulfilled)
        try store.db.setSyncInterval(channel: store.us, try SyncInterval(minutes: 30))
        try await sandbox.fault("searchOrders", "delay", delayMs: 300, count: 10_000)
        let sync = store.sync, initial = SyncRequest(channel: store.us, module: .orders, trigger: .initial)
        let run = Task { await sync.run(initial) }
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if try store.db.orderCursor(channel: store.us) != nil, try Self.openMFN(store).with.count >= 20 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        // 31 minutes later on both clocks: the window in flight ends, and no other starts.
        try await clock.advance(by: 31 * 60)
        let outcome = await run.value
        try await sandbox.admin("DELETE", "faults")
        #expect(outcome.status == .finished(synced: outcome.synced, failed: 0), "\(outcome)")
        let waiting = try store.db.ordersAwaitingBuyerData(channel: store.us, limit: 1_000_000)
        #expect(waiting.count >= 10, "the phase did not stop at the interval")
        let task = try #require(outcome.task)
        let note = try #require(try store.db.task(id: task)).1.first { $0.kind == "buyer data" }?.reason ?? ""
        #expect(note.contains("the rest waits for the next run") && note.contains("30 min"), "\(note)")

        let next = await store.sync.run(SyncRequest(channel: store.us, module: .orders, trigger: .scheduled))
        #expect(next.status == .finished(synced: next.synced, failed: 0), "\(next)")
        #expect(try store.db.ordersAwaitingBuyerData(channel: store.us, limit: 10).isEmpty)
    }

    @Test func theHandOverComesBeforeTheBuyerDataInCalls() async throws {
        // Issue 7 item 2: how many searchOrders calls a 2,000-order backfill makes before its cursor is written,
        // now (the hand-over alone) and with the buyer search first as before (one search of the window's MFN
        // orders to ship, paged by 100, measured against the same sandbox).
        let sandbox = try await OrderBackfillScenarioTests.sandbox(orders: 2000)
        defer { sandbox.stop() }
        let clock = try await OrderSandboxClock(sandbox: sandbox)
        let store = try Store(sandbox, clock: clock, path: .report, pageSize: 100, mode: .confirmedAndFulfilled)
        try await sandbox.fault("searchOrders", "delay", delayMs: 200, count: 10_000)
        let sync = store.sync, initial = SyncRequest(channel: store.us, module: .orders, trigger: .initial)
        let run = Task { await sync.run(initial) }
        var callsAtCursor: Int?
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline, callsAtCursor == nil {
            if try store.db.orderCursor(channel: store.us) != nil { callsAtCursor = try await Self.searchCalls(sandbox) }
            try await Task.sleep(for: .milliseconds(10))
        }
        let outcome = await run.value
        try await sandbox.admin("DELETE", "faults")
        #expect(outcome.status == .finished(synced: outcome.synced, failed: 0), "\(outcome)")
        let total = try await Self.searchCalls(sandbox)
        let open = try Self.openMFN(store)
        #expect(open.without.isEmpty)

        // The former order: the same buyer search the backfill made before the hand-over.
        var query = Orders.SearchOrdersQuery.created(
            after: clock.now().addingTimeInterval(-30 * 86_400), marketplaceIds: ["ATVPDKIKX0DER"],
            includedData: OrderSync.includedData, maxResultsPerPage: 100)
        query.fulfillmentStatuses = [.unshipped, .partiallyShipped]
        query.fulfilledBy = [.merchant]
        var formerBuyerPages = 0
        for try await _ in sandbox.client().searchOrdersPages(query) { formerBuyerPages += 1 }
        // The run's calls are the hand-over's and the buyer windows' (the history names how many windows).
        let task = try #require(outcome.task)
        let note = try #require(try store.db.task(id: task)).1.first { $0.kind == "buyer data" }?.reason ?? ""
        let windows = try #require(note.firstMatch(of: /in (\d+) searchOrders windows/).flatMap { Int($0.1) })
        let handOver = total - windows
        // The hand-over is one page here (nothing changed during the report): the cursor comes with the first call.
        // Polled: when the cursor appeared, at most the first buyer window had been sent after it.
        #expect(handOver == 1)
        #expect(try #require(callsAtCursor) <= handOver + 1)
        #expect(windows >= formerBuyerPages && windows <= formerBuyerPages + 1)
        print("[measure] 2000-order report backfill, pages of 100: \(open.with.count) open MFN orders; searchOrders before the cursor: \(handOver) now (polled \(callsAtCursor ?? -1)), \(formerBuyerPages + 1) with the buyer search first; \(total) in the whole run (\(windows) buyer windows)")
    }
}
