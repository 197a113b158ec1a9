import Foundation
import Inventory
import InventoryStore
import Testing

/// What GetStatus counts and ListRetries shows as waiting for another attempt: retry-queue records (R11), shipment
/// confirmations not yet accepted (R21) and failed stock pushes (R16).
struct PendingWorkTests {
    @Test func retriesConfirmationsAndFailedPushesAreCountedTogether() throws {
        let t = try inventoryDatabase()
        try t.db.upsertListings(channel: shopUS, listings: [IncomingListing(sku: "SKU-1", title: "Mug")])
        try t.db.recordStockMovement(sku: "SKU-1", warehouse: "Main", delta: 10, kind: .initial, reference: nil, reason: nil)
        try t.db.upsertOrders(channel: shopUS, orders: [order("A")], cursor: nil)
        #expect(try t.db.pendingWorkCount(channel: shopUS) == 0)
        #expect(try t.db.failedStockPushes().isEmpty)

        try t.db.enqueueRetry(channel: shopUS, module: .orders, kind: "order", recordId: "Z", nextAttemptAt: t0,
                              lastError: "HTTP 500", task: nil, now: t0)
        let shipment = try t.db.createShipment(order: "A", carrier: "UPS", trackingNumber: "1Z", lines: nil, now: t0)
        // A push waiting for its first attempt is not a failure; one that failed is.
        #expect(try t.db.pendingWorkCount(channel: shopUS) == 2)
        _ = try t.db.postponePush(channel: shopUS, sku: "SKU-1", reason: "Amazon answered 500", now: t0) { _ in 60 }
        #expect(try t.db.pendingWorkCount(channel: shopUS) == 3)
        let pushes = try t.db.failedStockPushes(channel: shopUS)
        #expect(pushes == [StockPushFailure(channel: shopUS, sku: "SKU-1", attempts: 1, nextAttemptAt: t0.addingTimeInterval(60), lastError: "Amazon answered 500")])

        try t.db.markShipmentConfirmed(shipment.id, attempts: 1, now: t0)
        try t.db.acknowledgePush(channel: shopUS, sku: "SKU-1", quantity: 8, version: Int64.max)
        #expect(try t.db.pendingWorkCount(channel: shopUS) == 1)
        #expect(try t.db.failedStockPushes().isEmpty)
        #expect(try t.db.pendingWorkCount(channel: try ChannelName("other")) == 0)
    }
}
