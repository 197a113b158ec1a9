import Foundation
import Inventory
import Testing

import InventoryStore

/// An order naming one order item twice is refused by name before anything is written, whether it has a few lines
/// (compared pairwise) or many (a set), since issue 6 split the check.
struct IngestValidationTests {
    static func lines(_ count: Int, repeating: Bool) -> [IncomingOrderLine] {
        (0..<count).map { n in
            IncomingOrderLine(lineId: repeating && n == count - 1 ? "L0" : "L\(n)", sku: "SKU-1", quantity: 1)
        }
    }

    // R18: a malformed order changes nothing; the same order without the repeat is stored with all its lines.
    @Test(arguments: [2, 16, 17, 40]) func repeatedLineIsRefused(count: Int) throws {
        let t = try inventoryDatabase()
        #expect {
            try t.db.upsertOrders(channel: shopUS, orders: [order("V-1", lines: Self.lines(count, repeating: true))], cursor: nil)
        } throws: { error in
            guard case StoreError.invalidOrder(let id, let reason) = error else { return false }
            return id == "V-1" && reason.contains("appears twice")
        }
        #expect(try t.db.order(amazonOrderId: "V-1") == nil)
        try t.db.upsertOrders(channel: shopUS, orders: [order("V-1", lines: Self.lines(count, repeating: false))], cursor: nil)
        #expect(try t.db.order(amazonOrderId: "V-1")?.lines.count == count)
    }
}
