import Foundation
import Testing
import Inventory
import InventoryStore

/// The ingest's hand-written encodings read back exactly (issue 6 replaced JSONEncoder on the hot path).
struct IngestEncodingTests {
    @Test func oddOrderIdsAndSKUsRoundTripThroughAPage() throws {
        // R18: the page's stored orders and listings are looked up through a JSON array of their keys; ids with
        // quotes, backslashes, control characters and non-ASCII text must still find their rows (one order each).
        let t = try inventoryDatabase()
        let odd = ["A\"1", "B\\2", "C\n3", "D\u{1}4", "É-5", "F/6"]
        let page = odd.map { id in
            order(id, lines: [IncomingOrderLine(lineId: id + "-1", sku: "SKU " + id, quantity: 1)])
        }
        let first = try t.db.upsertOrders(channel: shopUS, orders: page, cursor: nil)
        #expect(first.allSatisfy { $0.action == .created })
        let again = try t.db.upsertOrders(channel: shopUS, orders: page, cursor: nil)
        #expect(again.allSatisfy { $0.action == .updated })  // found, not inserted twice
        #expect(try t.db.rowCount(table: "sales_order") == odd.count)
        #expect(try t.db.rowCount(table: "listing") == odd.count)
        #expect(try t.db.rowCount(table: "stock_movement") == odd.count)
    }
}
