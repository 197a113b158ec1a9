import Foundation
import Inventory
import InventoryStore
import SellingPartner
import SyncEngine
import Testing

/// Order sync against the real sandbox over libcurl into a real SQLite file; Amazon's own answers are the oracle.
@Suite(.serialized) struct OrderSyncScenarioTests {
    static let confirmed: [Orders.FulfillmentStatus] = [.unshipped, .partiallyShipped]

    func request(_ f: OrderSyncFixture, _ trigger: SyncTrigger, timeframe: DateInterval? = nil, resyncOf: SyncTask.ID? = nil) -> SyncRequest {
        SyncRequest(channel: f.us, module: .orders, trigger: trigger, timeframe: timeframe, resyncOf: resyncOf)
    }

    /// The task an outcome names, with its records.
    func storedTask(_ f: OrderSyncFixture, _ outcome: SyncOutcome) throws -> (SyncTask, [TaskRecord]) {
        let id = try #require(outcome.task)
        return try #require(try f.db.task(id: id))
    }

    /// R5, R17, R18, R20, R27, R33: the look-back brings exactly Amazon's confirmed orders, each once, paid, under the
    /// default customer, AFN ones force-fulfilled in the FBA warehouse; running again creates nothing twice.
    @Test func initialSyncBringsTheConfirmedOrdersOfTheLookbackOnce() async throws {
        let f = try await OrderSyncFixture(orders: 300, pageSize: 25)
        // Seeded FBA orders ship within hours; one fresh confirmed AFN order makes R27 certain to be exercised.
        try await f.sandbox.admin("POST", "orders", [
            "marketplace": "US", "status": "UNSHIPPED", "fulfillmentChannel": "AFN", "items": [["sku": "FBA-SCENARIO", "quantity": 1]],
        ])
        try await f.clock.advance(by: 600)
        let window = try await f.amazonOrders(createdAfter: f.lookbackStart)
        let expected = Set(window.filter { Self.confirmed.contains($0.fulfillmentStatus!) }.map(\.orderId))
        #expect(expected.count > 10)

        try await f.sandbox.admin("DELETE", "counts")
        let outcome = await f.sync.run(request(f, .initial))
        #expect(outcome.status == .succeeded)
        #expect(outcome.reason == nil)
        let stored = try f.storedOrders()
        #expect(Set(stored.keys) == expected)  // R17 mode confirmed
        #expect(outcome.synced == expected.count)
        let (task, records) = try storedTask(f, outcome)
        #expect(task.trigger == .initial && task.module == .orders && task.status == .succeeded)
        // R5, R17, issue 6: the channel holds no order yet, so the look-back leaves out the pending and cancelled
        // orders it would skip: one searchOrders call per page (25) of the confirmed and shipped ones; the shipped are
        // recorded as skipped with a reason (mode confirmed).
        let shipped = window.filter { $0.fulfillmentStatus == .shipped }.count
        let firstSkipped = records.filter { $0.outcome == .skipped }
        #expect(firstSkipped.count == shipped)
        #expect(firstSkipped.allSatisfy { ($0.reason ?? "").isEmpty == false })
        #expect(try await f.sandbox.counts("searchOrders").requests == (expected.count + shipped + 24) / 25)
        #expect(try f.db.orderCursor(channel: f.us) != nil)
        #expect(try f.db.channel(named: f.us)?.1.state == .idle)

        let wire = Dictionary(uniqueKeysWithValues: window.map { ($0.orderId, $0) })
        var afn = 0
        for order in stored.values {
            #expect(order.comments.contains("Paid"))  // R20
            #expect(order.customerName == "Amazon US - Customer")  // R33
            if wire[order.amazonOrderId]?.fulfilledBy == .amazon {
                afn += 1
                #expect(order.fulfillmentChannel == .afn)
                #expect(order.forceFulfilled)  // R27
                #expect(order.warehouse == "Amazon FBA US")
            } else {
                #expect(order.fulfillmentChannel == .mfn && !order.forceFulfilled && order.warehouse == "Main")  // R22
            }
            #expect(order.lines.count == wire[order.amazonOrderId]?.orderItems.count)
        }
        #expect(afn > 0)

        // R18: an incremental run and a second look-back over the same window create nothing twice, stock included.
        let sku = try #require(stored.values.first?.lines.first?.sku)
        let stockBefore = try f.db.stock(sku: sku)
        try await f.clock.advance(by: 60)
        #expect(await f.sync.run(request(f, .scheduled)).status == .succeeded)
        let again = await f.sync.run(request(f, .initial))
        #expect(again.status == .succeeded)
        #expect(try f.db.rowCount(table: "sales_order") == expected.count)
        // R17: a look-back over a channel that holds orders asks for every status (a held order may have been
        // cancelled or shipped); pending, shipped and cancelled orders never seen are recorded as skipped with a reason.
        let skipped = try storedTask(f, again).1.filter { $0.outcome == .skipped }
        #expect(skipped.count == window.count - expected.count)
        #expect(skipped.allSatisfy { ($0.reason ?? "").isEmpty == false })
        #expect(try f.db.stock(sku: sku) == stockBefore)
    }

    /// R30: buyer PII goes only into the vault — the database file and its WAL never hold a buyer's name in clear.
    @Test func buyerNamesAreOnlyInTheVault() async throws {
        let f = try await OrderSyncFixture(orders: 200)
        let name = "Zebulon Cleartextington"
        let added = try await f.sandbox.admin("POST", "orders", [
            "marketplace": "US", "status": "UNSHIPPED", "fulfillmentChannel": "MFN",
            "items": [["sku": "SKU-1", "quantity": 1, "price": 9.5]], "buyer": ["name": name, "email": "zebulon@example.com"],
        ])
        let id = try #require(added["orderId"] as? String)
        try await f.clock.advance(by: 600)
        #expect(await f.sync.run(request(f, .initial)).status == .succeeded)
        let order = try #require(try f.db.order(amazonOrderId: id, channel: f.us))
        #expect(try f.db.revealBuyer(order: order.id)?.buyerName == name)  // it is stored, sealed
        for file in [f.path, f.path + "-wal"] {
            guard let bytes = FileManager.default.contents(atPath: file) else { continue }
            #expect(bytes.range(of: Data(name.utf8)) == nil, "buyer name in clear in \(URL(fileURLWithPath: file).lastPathComponent)")
            #expect(bytes.range(of: Data("zebulon@example.com".utf8)) == nil)
        }
    }

    /// R17: widening the preference brings the look-back's shipped orders at the next (incremental) sync.
    @Test func wideningThePreferenceBringsShippedOrders() async throws {
        let f = try await OrderSyncFixture(orders: 300, pageSize: 50)
        #expect(await f.sync.run(request(f, .initial)).status == .succeeded)
        let before = try f.storedOrders()
        #expect(before.values.allSatisfy { $0.status.isConfirmed })
        try f.db.setOrderSyncMode(.confirmedAndFulfilled)
        try await f.clock.advance(by: 60)
        let outcome = await f.sync.run(request(f, .scheduled))
        #expect(outcome.status == .succeeded)
        let shipped = Set(try await f.amazonOrders(createdAfter: f.lookbackStart, statuses: [.shipped]).map(\.orderId))
        #expect(shipped.count > 10)
        let after = try f.storedOrders()
        #expect(shipped.isSubset(of: Set(after.keys)))
        #expect(after.values.contains { $0.status == .shipped })
        // The next increment does not sweep again: it asks for one window only.
        try await f.sandbox.admin("DELETE", "counts")
        try await f.clock.advance(by: 60)
        #expect(await f.sync.run(request(f, .scheduled)).status == .succeeded)
        #expect(try await f.sandbox.counts("searchOrders").requests == 1)
    }

    /// R18, R17: as the clock moves new orders arrive and statuses move; a cancellation updates the order and returns stock.
    @Test func newOrdersStatusChangesAndCancellation() async throws {
        let f = try await OrderSyncFixture(orders: 300, pageSize: 20)
        #expect(await f.sync.run(request(f, .initial)).status == .succeeded)
        let first = try f.storedOrders()

        let added = try await f.sandbox.admin("POST", "orders", [
            "marketplace": "US", "status": "UNSHIPPED", "fulfillmentChannel": "MFN",
            "items": [["sku": "SCENARIO-SKU", "quantity": 2, "price": 12.5]],
        ])
        let id = try #require(added["orderId"] as? String)
        try await f.clock.advance(by: 3 * 86400)
        let second = await f.sync.run(request(f, .scheduled))
        #expect(second.status == .succeeded)
        let stored = try f.storedOrders()
        let new = try #require(stored[id])
        #expect(new.status == .unshipped)
        // The amount as Amazon wrote it.
        #expect(new.lines.first?.unitPrice == (try Money(amount: "12.50", currency: "USD")))
        // The open MFN order takes its units from available stock and holds them as committed in the primary warehouse.
        let main = try #require(try f.db.stock(sku: "SCENARIO-SKU").first { $0.warehouse == "Main" })
        #expect(main.available == -2 && main.committed == 2)
        // Orders seen at the first sync now show Amazon's current status; new confirmed ones arrived.
        let now = Dictionary(uniqueKeysWithValues: try await f.amazonOrders(createdAfter: f.lookbackStart.addingTimeInterval(-4 * 86400))
            .map { ($0.orderId, OrderStatus(amazon: $0.fulfillmentStatus!.rawValue)!) })
        var moved = 0
        for (orderId, old) in first {
            let current = try #require(stored[orderId])
            #expect(current.status == now[orderId])
            if current.status != old.status { moved += 1 }
        }
        #expect(moved > 0)
        #expect(stored.count > first.count)

        // Cancellation on Amazon: the order is updated, never deleted, and its stock comes back.
        try await f.sandbox.admin("POST", "orders", ["amazonOrderId": id, "status": "CANCELLED"])
        try await f.clock.advance(by: 600)
        #expect(await f.sync.run(request(f, .scheduled)).status == .succeeded)
        #expect(try f.db.order(amazonOrderId: id, channel: f.us)?.status == .cancelled)
        let returned = try #require(try f.db.stock(sku: "SCENARIO-SKU").first { $0.warehouse == "Main" })
        #expect(returned.available == 0 && returned.committed == 0)
    }

    /// Decision 2, R18: a 500 storm mid-pagination fails the task and keeps the cursor; the next run closes the gap.
    @Test func serverErrorsMidPaginationKeepTheCursorAndLeaveNoGap() async throws {
        let f = try await OrderSyncFixture(orders: 300, pageSize: 5)
        #expect(await f.sync.run(request(f, .initial)).status == .succeeded)
        let cursor = try #require(try f.db.orderCursor(channel: f.us))
        try await f.clock.advance(by: 3 * 86400)

        // The first page is held back 1.5 s; meanwhile every later searchOrders request gets 500s past the client's retries.
        try await f.sandbox.fault("searchOrders", "delay", delayMs: 1500, count: 1)
        let (sync, scheduled) = (f.sync, request(f, .scheduled))
        let run = Task { await sync.run(scheduled) }
        try await Task.sleep(for: .milliseconds(300))
        try await f.sandbox.fault("searchOrders", "status", status: 500, count: 100)
        let failed = await run.value
        try await f.sandbox.admin("DELETE", "faults")
        #expect(failed.status == .failed)
        #expect(failed.reason?.contains("500") == true)
        #expect(try f.db.orderCursor(channel: f.us) == cursor)
        let (task, records) = try storedTask(f, failed)
        #expect(task.status != .succeeded)
        #expect(records.contains { $0.kind == "request" && $0.outcome == .failed })
        #expect(records.contains { $0.kind == "order" })  // page 1 was stored: the storm hit mid-pagination
        #expect(try f.db.channel(named: f.us)?.1.state == .idle)  // transient: the next cycle tries again

        let next = await f.sync.run(request(f, .scheduled))
        #expect(next.status == .succeeded)
        #expect(try #require(try f.db.orderCursor(channel: f.us)) > cursor)
        let confirmed = Set(try await f.amazonOrders(createdAfter: f.lookbackStart, statuses: Self.confirmed).map(\.orderId))
        #expect(confirmed.isSubset(of: Set(try f.storedOrders().keys)))
    }

    /// R8: a timeframe sync brings that window's confirmed orders and leaves the incremental cursor alone.
    @Test func timeframeSyncLeavesTheCursor() async throws {
        let f = try await OrderSyncFixture(orders: 300)
        let now = f.clock.now()
        let frame = DateInterval(start: now.addingTimeInterval(-10 * 86400), end: now.addingTimeInterval(-2 * 86400))
        let outcome = await f.sync.run(request(f, .timeframe, timeframe: frame))
        #expect(outcome.status == .succeeded)
        let expected = Set(try await f.amazonOrders(createdAfter: frame.start, createdBefore: frame.end, statuses: Self.confirmed)
            .map(\.orderId))
        #expect(!expected.isEmpty)
        #expect(Set(try f.storedOrders().keys) == expected)
        #expect(try f.db.orderCursor(channel: f.us) == nil)
        let stored = try #require(try storedTask(f, outcome).0.timeframe)
        #expect(abs(stored.start.timeIntervalSince(frame.start)) < 0.01 && abs(stored.end.timeIntervalSince(frame.end)) < 0.01)
    }

    /// R10: a resync fetches the task's records again by id and updates what changed on Amazon meanwhile.
    @Test func resyncFetchesTheTasksRecordsAgain() async throws {
        let f = try await OrderSyncFixture(orders: 120)
        let initial = await f.sync.run(request(f, .initial))
        let source = try #require(initial.task)
        let ids = Set(try #require(try f.db.task(id: source)).1.filter { $0.kind == "order" }.map(\.recordId))
        let victim = try #require(try f.storedOrders().keys.first)
        try await f.sandbox.admin("POST", "orders", ["amazonOrderId": victim, "status": "CANCELLED"])
        try await f.clock.advance(by: 60)
        try await f.sandbox.admin("DELETE", "counts")

        let resync = await f.sync.run(request(f, .resync, resyncOf: source))
        #expect(resync.status == .succeeded)
        #expect(try await f.sandbox.counts("getOrder").requests == ids.count)
        let (task, records) = try storedTask(f, resync)
        #expect(task.resyncOf == source && task.trigger == .resync)
        #expect(Set(records.map(\.recordId)) == ids)
        #expect(try f.db.order(amazonOrderId: victim, channel: f.us)?.status == .cancelled)
    }

    /// R11: orders that cannot be mapped (a status this build does not know) fail by name and go to the retry queue;
    /// refetching them later brings them in, and nothing else of the page is lost.
    @Test func unmappableOrdersFailAndAreQueuedForRetry() async throws {
        let f = try await OrderSyncFixture(orders: 200, pageSize: 100)
        try await f.sandbox.fault("searchOrders", "unknownEnum", count: 1)
        let outcome = await f.sync.run(request(f, .initial))
        #expect(outcome.failed > 0)
        #expect(outcome.status != .succeeded)
        let (_, records) = try storedTask(f, outcome)
        let failed = records.filter { $0.outcome == .failed }
        #expect(failed.allSatisfy { $0.kind == "order" && ($0.reason ?? "").contains("SANDBOX_UNKNOWN_VALUE") })
        let queued = try f.db.retries(channel: f.us)
        #expect(Set(queued.map(\.recordId)) == Set(failed.map(\.recordId)))
        #expect(queued.allSatisfy { $0.module == .orders && $0.kind == "order" })
        #expect(try f.db.orderCursor(channel: f.us) != nil)  // the failures are queued, so the window is done

        let refetched = await f.sync.refetch(channel: f.us, recordIds: failed.map(\.recordId), task: nil)
        #expect(refetched.allSatisfy { $0.outcome != .failed })
        let confirmed = Set(try await f.amazonOrders(createdAfter: f.lookbackStart, statuses: Self.confirmed).map(\.orderId))
        #expect(Set(try f.storedOrders().keys) == confirmed)
    }

    /// Amazon refusing the credentials puts the channel in error with the reason; R2, R4: an inactive or disabled
    /// channel does not sync at all, and its inactive reason stays.
    @Test func refusalsAndInactiveChannels() async throws {
        let f = try await OrderSyncFixture(orders: 30)
        var bad = f.sandbox.clientConfiguration()
        bad.refreshToken = "Atzr|revoked"
        let client = SellingPartnerClient(configuration: bad, transport: f.sandbox.transport,
                                          retry: SellingPartner.RetryPolicy(baseDelay: .milliseconds(5)))
        let channel = try #require(f.environment.channels[f.us]).channel
        let refused = await OrderSync(environment: SyncEnvironment(
            database: f.db, channels: [.init(channel: channel, client: client)], clock: f.clock)).run(request(f, .manual))
        #expect(refused.status == .failed)
        let settings = try #require(try f.db.channel(named: f.us)).1
        #expect(settings.state == .error)
        #expect(settings.inactiveReason == refused.reason)
        #expect(refused.reason?.contains("authorization") == true)
        #expect(try f.db.orderCursor(channel: f.us) == nil)

        try f.db.setChannelState(channel: f.us, state: .inactive, reason: "base currency differs")
        let inactive = await f.sync.run(request(f, .manual))
        #expect(inactive.status == .failed && inactive.task == nil)
        #expect(inactive.reason?.contains("base currency differs") == true)
        #expect(try f.db.channel(named: f.us)?.1.inactiveReason == "base currency differs")
        try f.db.setChannelState(channel: f.us, state: .idle, reason: nil)
        try f.db.setEnabled(channel: f.us, false)
        #expect(await f.sync.run(request(f, .manual)).reason?.contains("disabled") == true)
        #expect(try f.db.rowCount(table: "sales_order") == 0)
    }

    /// R11: refetch of an order Amazon does not know fails without retry; a 500 storm queues it for retry.
    @Test func refetchFailuresGoToTheRetryQueueWhenTransient() async throws {
        let f = try await OrderSyncFixture(orders: 60)
        let missing = await f.sync.refetch(channel: f.us, recordIds: ["999-0000000-0000000"], task: nil)
        #expect(missing.first?.outcome == .failed)
        #expect(try f.db.retries(channel: f.us).isEmpty)

        let known = try #require(try await f.amazonOrders(createdAfter: f.lookbackStart).first?.orderId)
        try await f.sandbox.fault("getOrder", "status", status: 503, count: 100)
        let storm = await f.sync.refetch(channel: f.us, recordIds: [known], task: nil)
        try await f.sandbox.admin("DELETE", "faults")
        #expect(storm.first?.outcome == .failed)
        #expect(try f.db.retries(channel: f.us).map(\.recordId) == [known])
        let again = await f.sync.refetch(channel: f.us, recordIds: [known], task: nil)
        #expect(again.first?.outcome != .failed)
    }

    /// Measures a 2,000-order initial sync (debug build) under Confirmed and Fulfilled; prints orders per second.
    @Test func initialSyncOfTwoThousandOrders() async throws {
        let f = try await OrderSyncFixture(orders: 2000, pageSize: 100) { $0.marketplaces = ["US"] }
        try f.db.setOrderSyncMode(.confirmedAndFulfilled)
        let window = try await f.amazonOrders(createdAfter: f.lookbackStart)
        let started = ContinuousClock.now
        let outcome = await f.sync.run(request(f, .initial))
        let elapsed = ContinuousClock.now - started
        #expect(outcome.status == .succeeded)
        let admitted = window.filter { [.unshipped, .partiallyShipped, .shipped].contains($0.fulfillmentStatus!) }.count
        #expect(outcome.synced == admitted)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("MEASURE order initial sync: \(window.count) orders in window, \(outcome.synced) stored, "
            + "\(String(format: "%.2f", seconds)) s, \(String(format: "%.0f", Double(window.count) / seconds)) orders/s")
    }
}
