import Foundation
import Inventory
import InventoryStore
import Testing

/// Order lines that came from Amazon's order report (no order item id) and the same items from searchOrders (issue 7).
struct ReportLineTests {
    static func line(_ id: String, _ sku: String, quantity: Int = 2, shipped: Int = 0, price: String? = "19.99") -> IncomingOrderLine {
        IncomingOrderLine(lineId: id, sku: sku, asin: "B000TEST01", quantity: quantity, quantityShipped: shipped,
                          unitPrice: price.map { try! Money(amount: $0, currency: "USD") })
    }

    static func lines(_ t: TemporaryDatabase, _ id: String) throws -> [SalesOrderLine] {
        try t.db.order(amazonOrderId: id)?.lines ?? []
    }

    @Test func searchOrdersAfterTheReportTakesOverTheReportLinesWithoutASecondMovement() throws {
        // R18: one order item is one line and takes stock once, whichever source brought it first.
        let t = try inventoryDatabase()
        let report = order("A", lines: [Self.line("report-SKU-1", "SKU-1"), Self.line("report-SKU-1#2", "SKU-1", quantity: 1),
                                        Self.line("report-SKU-2", "SKU-2", price: nil)])
        try t.db.upsertOrders(channel: shopUS, orders: [report], cursor: nil)
        #expect(try available(t, "SKU-1") == -3)
        let search = order("A", updated: 10, lines: [Self.line("11", "SKU-1"), Self.line("12", "SKU-1", quantity: 1),
                                                     Self.line("13", "SKU-2")])
        try t.db.upsertOrders(channel: shopUS, orders: [search], cursor: nil)
        #expect(try Self.lines(t, "A").map(\.lineId).sorted() == ["11", "12", "13"])
        #expect(try t.db.rowCount(table: "sales_order_line") == 3)
        #expect(try t.db.rowCount(table: "stock_movement") == 3)
        #expect(try available(t, "SKU-1") == -3)
        #expect(try available(t, "SKU-2") == -2)
    }

    @Test func aReportAfterSearchOrdersUpdatesTheStoredLinesAndNeverDowngradesThem() throws {
        // R18: the report re-read after searchOrders (a re-run after kill -9, an overlap) adds no line; the report's
        // missing price and its coarser shipped count do not overwrite what searchOrders stored; buyer data stays (R30).
        let t = try inventoryDatabase()
        let buyer = BuyerPII(buyerName: "Kim Vale", buyerEmail: "kim@example.com")
        let search = order("B", .partiallyShipped, updated: 10,
                           lines: [Self.line("21", "SKU-1", shipped: 1), Self.line("22", "SKU-2", quantity: 1)], buyer: buyer)
        try t.db.upsertOrders(channel: shopUS, orders: [search], cursor: nil)
        let report = order("B", .partiallyShipped, updated: 10,
                           lines: [Self.line("report-SKU-1", "SKU-1", shipped: 0, price: nil), Self.line("report-SKU-2", "SKU-2", quantity: 1)])
        let result = try t.db.upsertOrders(channel: shopUS, orders: [report], cursor: nil)
        #expect(result.first?.action == .updated)
        let lines = try Self.lines(t, "B").sorted { $0.lineId < $1.lineId }
        #expect(lines.map(\.lineId) == ["21", "22"])
        #expect(lines[0].quantityShipped == 1)
        #expect(lines[0].unitPrice == (try Money(amount: "19.99", currency: "USD")))
        #expect(try t.db.rowCount(table: "stock_movement") == 2)
        #expect(try t.db.rowCount(table: "pii_vault") == 1)
        #expect(try t.db.order(amazonOrderId: "B")?.piiState == .present)
    }

    @Test func theSameReportTwiceIsOneSetOfLines() throws {
        // R18: a backfill re-run after a crash stores the report again.
        let t = try inventoryDatabase()
        let report = order("C", lines: [Self.line("report-SKU-1", "SKU-1"), Self.line("report-SKU-3", "SKU-3")])
        for _ in 0..<3 { try t.db.upsertOrders(channel: shopUS, orders: [report], cursor: nil) }
        #expect(try t.db.rowCount(table: "sales_order_line") == 2)
        #expect(try t.db.rowCount(table: "stock_movement") == 2)
    }
}
