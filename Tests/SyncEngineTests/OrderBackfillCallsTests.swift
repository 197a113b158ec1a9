import Foundation
import Inventory
import InventoryStore
import SellingPartner
import SyncEngine
import Testing

/// Issue 6, API efficiency: the searchOrders calls a look-back spends for N orders against the real sandbox, and the
/// statuses it asks for, read from the sandbox's own call log.
@Suite(.serialized) struct OrderBackfillCallsTests {
    /// The searchOrders requests the sandbox logged, with their query strings.
    static func searchQueries(_ f: OrderSyncFixture) async throws -> [String] {
        let log = try #require(try await f.sandbox.admin("GET", "call-log")["calls"] as? [[String: Any]])
        return log.filter { $0["operation"] as? String == "searchOrders" }.compactMap { $0["query"] as? String }
    }

    /// R5, R17: the first look-back of a channel (no order stored) in the confirmed-and-fulfilled mode asks Amazon
    /// only for the unshipped, partially shipped and shipped orders, one call per page of them; every such order of
    /// the window is stored once and none of the window's pending or cancelled orders costs a page.
    @Test func firstLookbackSpendsOneCallPerPageOfTheOrdersItCreates() async throws {
        let f = try await OrderSyncFixture(orders: 1200, pageSize: 100)
        try f.db.setOrderSyncMode(.confirmedAndFulfilled)
        try await f.clock.advance(by: 600)
        let window = try await f.amazonOrders(createdAfter: f.lookbackStart)
        let created: [Orders.FulfillmentStatus] = [.unshipped, .partiallyShipped, .shipped]
        let expected = Set(window.filter { created.contains($0.fulfillmentStatus!) }.map(\.orderId))
        // The seeded world cancels about 5 % and leaves the newest pending: enough that asking for them costs a page.
        #expect((window.count + 99) / 100 > (expected.count + 99) / 100)
        try await f.sandbox.admin("DELETE", "counts")

        let outcome = await f.sync.run(SyncRequest(channel: f.us, module: .orders, trigger: .initial))
        #expect(outcome.status == .succeeded)
        #expect(Set(try f.storedOrders().keys) == expected)
        let queries = try await Self.searchQueries(f)
        #expect(queries.count == (expected.count + 99) / 100)
        #expect(try await f.sandbox.counts("searchOrders").throttled == 0)
        #expect(queries.allSatisfy { $0.contains("fulfillmentStatuses=UNSHIPPED,PARTIALLY_SHIPPED,SHIPPED") })
        #expect(try f.db.orderCursor(channel: f.us) != nil)
    }

    /// R17, R18: once the channel holds orders a look-back asks for every status, so a held order Amazon cancelled
    /// since is updated to cancelled (never left open), and nothing is created twice.
    @Test func lookbackOverHeldOrdersAsksForEveryStatusAndUpdatesACancellation() async throws {
        let f = try await OrderSyncFixture(orders: 300, pageSize: 100)
        try await f.clock.advance(by: 600)
        #expect(await f.sync.run(SyncRequest(channel: f.us, module: .orders, trigger: .initial)).status == .succeeded)
        let held = try f.storedOrders()
        let open = try #require(held.values.filter { $0.status == .unshipped }.map(\.amazonOrderId).sorted().first)
        _ = try await f.sandbox.admin("POST", "orders", ["amazonOrderId": open, "status": "CANCELLED"])
        try await f.clock.advance(by: 300)
        try await f.sandbox.admin("DELETE", "counts")

        #expect(await f.sync.run(SyncRequest(channel: f.us, module: .orders, trigger: .initial)).status == .succeeded)
        #expect(try f.db.order(amazonOrderId: open, channel: f.us)?.status == .cancelled)
        let stored = try f.storedOrders()
        #expect(Set(held.keys).isSubset(of: stored.keys))
        #expect(try f.db.rowCount(table: "sales_order") == stored.count)
        let queries = try await Self.searchQueries(f)
        #expect(!queries.isEmpty && queries.allSatisfy { !$0.contains("fulfillmentStatuses") })
    }
}
