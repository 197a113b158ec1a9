import Foundation
import Inventory
import InventoryStore
import Testing

/// The store's queue of orders waiting for buyer data (issue 7 item 2, R30): which orders, in which order, and
/// that an order asked once leaves it for good.
struct BuyerDataQueueTests {
    static let pat = BuyerPII(buyerName: "Pat Doe", buyerEmail: "pat@example.com", addressLines: ["1 Road"], countryCode: "US")

    /// An order purchased `minutes` after t0, as the order report brings it (no buyer data) unless `buyer` is given.
    static func placed(_ id: String, _ status: OrderStatus = .unshipped, channel fc: FulfillmentChannel = .mfn,
                       minutes: Double, buyer: BuyerPII? = nil) -> IncomingOrder {
        var o = order(id, status, channel: fc, buyer: buyer)
        o.purchasedAt = t0.addingTimeInterval(minutes * 60)
        o.lastUpdatedAt = o.purchasedAt
        return o
    }

    @Test func onlyMerchantOrdersToShipWithoutBuyerDataWaitOldestPurchaseFirst() throws {
        // R30: the report leaves buyer data out; only MFN orders still to ship need it, and the oldest is due first.
        let t = try inventoryDatabase()
        try t.db.registerChannels([try channel("shop-us"), try channel("shop-uk", .uk)])
        try t.db.addWarehouse(name: "FBA", kind: .fba)
        try t.db.setStockSync(channel: shopUS, active: true, fbaWarehouse: "FBA", mappedWarehouse: nil)
        try t.db.setOrderSyncMode(.confirmedAndFulfilled)
        try t.db.upsertOrders(channel: shopUS, orders: [
            Self.placed("late", minutes: 30),
            Self.placed("partial", .partiallyShipped, minutes: 20),
            Self.placed("early", minutes: 10),
            Self.placed("afn", channel: .afn, minutes: 5),
            Self.placed("shipped", .shipped, minutes: 6),
            Self.placed("cancelled", .cancelled, minutes: 7),
            Self.placed("pending", .pending, minutes: 8),
            Self.placed("known", minutes: 9, buyer: Self.pat),
        ], cursor: nil)
        try t.db.upsertOrders(channel: try ChannelName("shop-uk"), orders: [Self.placed("other-channel", minutes: 1)], cursor: nil)

        let due = try t.db.ordersAwaitingBuyerData(channel: shopUS, limit: 10)
        #expect(due.map(\.amazonOrderId) == ["early", "partial", "late"])
        #expect(due.first?.purchasedAt == t0.addingTimeInterval(600))
        #expect(try t.db.ordersAwaitingBuyerData(channel: shopUS, limit: 2).map(\.amazonOrderId) == ["early", "partial"])
        #expect(try t.db.countWithoutBuyerData(channel: shopUS, amazonOrderIds: ["early", "known", "nope"]) == 1)
    }

    @Test func anOrderAskedOnceLeavesTheQueueAndStaysOutAfterAReopen() throws {
        // Issue 7: an order Amazon answered without buyer data is not asked again, not even after a restart.
        let t = try inventoryDatabase()
        try t.db.upsertOrders(channel: shopUS, orders: [Self.placed("A", minutes: 1), Self.placed("B", minutes: 2)], cursor: nil)
        let asked = t0.addingTimeInterval(3600)
        try t.db.recordBuyerDataAsked(channel: shopUS, amazonOrderIds: ["A", "unknown"], now: asked)
        #expect(try t.db.buyerDataAskedAt(channel: shopUS, amazonOrderId: "A") == asked)
        #expect(try t.db.buyerDataAskedAt(channel: shopUS, amazonOrderId: "B") == nil)
        // Asking again keeps the first time.
        try t.db.recordBuyerDataAsked(channel: shopUS, amazonOrderIds: ["A"], now: asked.addingTimeInterval(60))
        try t.reopen()
        #expect(try t.db.buyerDataAskedAt(channel: shopUS, amazonOrderId: "A") == asked)
        #expect(try t.db.ordersAwaitingBuyerData(channel: shopUS, limit: 10).map(\.amazonOrderId) == ["B"])
        #expect(try t.db.countWithoutBuyerData(channel: shopUS, amazonOrderIds: ["A", "B"]) == 2)
    }

    @Test func buyerDataOrShippingTakesAnOrderOutOfTheQueue() throws {
        // R30: buyer data in the vault, or a status no longer to ship, ends the wait without any question recorded.
        let t = try inventoryDatabase()
        try t.db.upsertOrders(channel: shopUS, orders: [Self.placed("A", minutes: 1), Self.placed("B", minutes: 2)], cursor: nil)
        var withBuyer = Self.placed("A", minutes: 1, buyer: Self.pat)
        withBuyer.lastUpdatedAt = withBuyer.lastUpdatedAt.addingTimeInterval(1)
        var shipped = Self.placed("B", .shipped, minutes: 2)
        shipped.lastUpdatedAt = shipped.lastUpdatedAt.addingTimeInterval(1)
        try t.db.upsertOrders(channel: shopUS, orders: [withBuyer, shipped], cursor: nil)
        #expect(try t.db.ordersAwaitingBuyerData(channel: shopUS, limit: 10).isEmpty)
        #expect(try t.db.order(amazonOrderId: "A")?.piiState == .present)
    }
}
