import Foundation
import Testing
import Inventory
import InventoryStore

/// Measures the ingest path the order sync uses: pages of 100 orders with PII, each page one transaction.
struct IngestMeasurementTests {
    @Test func ingestRateOfOrderPages() throws {
        let t = try inventoryDatabase()
        let pages = 20
        let buyer = BuyerPII(buyerName: "Pat Doe", buyerEmail: "pat@example.com", addressLines: ["1 Road"], countryCode: "US")
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for p in 0..<pages {
                let orders = (0..<100).map { i in
                    var o = order("P\(p)-\(i)", buyer: buyer)
                    o.lines.append(IncomingOrderLine(lineId: "P\(p)-\(i)-2", sku: "SKU-\(i % 50)", quantity: 1))
                    return o
                }
                try t.db.upsertOrders(channel: shopUS, orders: orders, cursor: t0.addingTimeInterval(Double(p)))
            }
        }
        #expect(try t.db.rowCount(table: "sales_order") == pages * 100)
        #expect(try t.db.rowCount(table: "stock_movement") == pages * 200)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("ingest: \(pages * 100) orders (2 lines, PII) in \(String(format: "%.2f", seconds)) s = \(Int(Double(pages * 100) / seconds)) orders/s")
    }
}
