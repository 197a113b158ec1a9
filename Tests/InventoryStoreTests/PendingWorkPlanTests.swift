import Foundation
import GRDB
import Inventory
@testable import InventoryStore
import Testing

/// GetStatus counts every channel's pending work on every call (issue 6: p99 under 5 ms while a large sync runs), so
/// the count must read the pending shipments, not the channel's orders.
struct PendingWorkPlanTests {
    @Test func theCountReadsPendingShipmentsAndLooksUpTheirOrders() throws {
        let t = try inventoryDatabase()
        // Orders of the channel, none with a shipment: the plan must not depend on them.
        try t.db.upsertListings(channel: shopUS, listings: [IncomingListing(sku: "SKU-1", title: "Mug")])
        try t.db.upsertOrders(channel: shopUS, orders: (0..<50).map { order("P-\($0)") }, cursor: nil)
        // Both statements GetStatus's count has had: per channel, and for every channel at once (channelStatuses).
        let statements: [(String, StatementArguments)] = [
            (AppDatabase.pendingWorkSQL, [shopUS.rawValue]), (AppDatabase.channelStatusSQL, []),
        ]
        for (sql, arguments) in statements {
            let plan = try t.db.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
            }
            #expect(plan.contains { $0.contains("USING INDEX shipment_confirmation_due") }, "\(plan)")
            #expect(plan.contains { $0.hasPrefix("SEARCH o USING INTEGER PRIMARY KEY") }, "\(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN o") || $0.contains("sales_order_by_status") }, "\(plan)")
        }
        #expect(try t.db.pendingWorkCount(channel: shopUS) == 0)
        #expect(try t.db.channelStatuses().map(\.pendingWork) == [0])
    }
}
