import Foundation
import Inventory
import Testing

@testable import InventoryStore

/// A page's new orders, lines and movements written in multi-row INSERTs after the page's loop, and task records in
/// multi-row INSERTs (issue 6): each row where the one-row inserts put it, whatever batch sizes a page splits into.
struct PageInsertsTests {
    /// `n` new unshipped orders: order k has k % 4 lines (0 to 3) of SKUs drawn from 7 (new to the store in the first
    /// page), every other one with buyer data.
    static func orders(_ prefix: String, _ n: Int) -> [IncomingOrder] {
        (0..<n).map { k in
            let lines = (0..<(k % 4)).map { j in
                IncomingOrderLine(lineId: "\(prefix)\(k)-\(j)", sku: "SKU-\((k + j) % 7)", asin: "B00000000\(j)",
                                  quantity: 1 + (k + j) % 3, unitPrice: try! Money(amount: "2.50", currency: "USD"))
            }
            return order("\(prefix)\(k)", .unshipped, updated: Double(k), lines: lines,
                         buyer: k % 2 == 0 ? BuyerPII(buyerName: "Buyer \(k % 9)", buyerEmail: "b\(k % 9)@example.com") : nil)
        }
    }

    @Test func batchSizesCoverEveryRowOnce() {
        for count in 0...300 {
            let batches = MultiRowInsert.batches(count)
            #expect(batches.map(\.count).reduce(0, +) == count)
            #expect(zip(batches, batches.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            #expect(batches.allSatisfy { MultiRowInsert.batchSizes.contains($0.count) })
        }
    }

    // R18, R22: 149 new orders (batches of 64, 64, 16, 4 and 1) and a second page mixing updates and new orders:
    // every line belongs to its own order, in order, every live line took its stock once, and the ids are SQLite's.
    @Test func newOrdersLinesAndMovementsLandOnTheirOwnRows() throws {
        let t = try inventoryDatabase()
        let first = Self.orders("P", 149)
        let results = try t.db.upsertOrders(channel: shopUS, orders: first, cursor: nil)
        #expect(results.map(\.orderId) == (1...149).map { Int64($0) })
        var second = Self.orders("Q", 30)
        second += first.prefix(20).map { o in
            var later = o
            later.lastUpdatedAt = o.lastUpdatedAt.addingTimeInterval(1000)
            later.status = .cancelled
            return later
        }
        try t.db.upsertOrders(channel: shopUS, orders: second, cursor: nil)
        var taken: [String: Int] = [:]
        for o in first + Self.orders("Q", 30) {
            let stored = try #require(try t.db.order(amazonOrderId: o.amazonOrderId))
            #expect(stored.lines.map(\.lineId) == o.lines.map(\.lineId))
            #expect(stored.lines.map(\.quantity) == o.lines.map(\.quantity))
            let cancelledLater = o.amazonOrderId.hasPrefix("P") && Int(o.amazonOrderId.dropFirst())! < 20
            if !cancelledLater {
                for l in o.lines { taken[l.sku, default: 0] += l.quantity }
            }
        }
        for n in 0..<7 { #expect(try available(t, "SKU-\(n)") == -(taken["SKU-\(n)"] ?? 0)) }
        #expect(try t.db.rowCount(table: "sales_order") == 179)
        #expect(try t.db.rowCount(table: "sales_order_line") == (first + Self.orders("Q", 30)).map(\.lines.count).reduce(0, +))
        // Orders with buyer data reveal their own buyer.
        let buyerOrder = try #require(try t.db.order(amazonOrderId: "P8"))
        #expect(try t.db.revealBuyer(order: buyerOrder.id)?.buyerName == "Buyer 8")
    }

    // R18: a page naming an order twice is written order by order, so the second copy updates the first.
    @Test func repeatedOrderInAPageUpdatesTheFirstCopy() throws {
        let t = try inventoryDatabase()
        var page = Self.orders("R", 10)
        var again = page[1]
        again.lastUpdatedAt = again.lastUpdatedAt.addingTimeInterval(60)
        again.status = .cancelled
        page.append(again)
        try t.db.upsertOrders(channel: shopUS, orders: page, cursor: nil)
        #expect(try t.db.rowCount(table: "sales_order") == 10)
        #expect(try t.db.order(amazonOrderId: "R1")?.status == .cancelled)
        #expect(try available(t, "SKU-1") == -page.prefix(10).filter { $0.amazonOrderId != "R1" }
            .flatMap(\.lines).filter { $0.sku == "SKU-1" }.map(\.quantity).reduce(0, +))
    }

    // Task records in multi-row INSERTs: 70 records (64, 4, 1, 1) count once each; a record reported again in the
    // same batch or a later page keeps its last outcome and the counts are recounted, not added.
    @Test func taskRecordsCountOnceAndKeepTheLastOutcome() throws {
        let t = try inventoryDatabase()
        let task = try t.db.startTask(channel: shopUS, module: .orders, trigger: .initial, now: t0)
        try t.db.upsertOrders(channel: shopUS, orders: Self.orders("T", 70), cursor: nil, task: task)
        var (stored, records) = try #require(try t.db.task(id: task))
        #expect(stored.synced == 70 && records.count == 70)
        var page = Self.orders("T", 3)
        page.append(page[0])
        page += Self.orders("U", 2)
        try t.db.upsertOrders(channel: shopUS, orders: page, cursor: nil, task: task)
        (stored, records) = try #require(try t.db.task(id: task))
        #expect(stored.synced == 72 && records.count == 72)
        #expect(Set(records.map(\.recordId)).count == 72)
    }
}
