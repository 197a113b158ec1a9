import Foundation
import GRDB
import Inventory
import Testing

@testable import InventoryStore

/// Migration v5-stock-level (issue 6, ingest): `stock_level` holds each item's ledger sum per warehouse, kept by a
/// trigger; the two indexes keyed by item are gone, and the stock figures (R16, R22, R26) read the table and the open
/// orders instead.
struct StockLevelTests {
    /// Each (item, warehouse) of the ledger with its sum, and each row of `stock_level`, read in one snapshot of the
    /// file at `path` on a connection of its own.
    static func levelsAndSums(_ path: String) throws -> (levels: [String], sums: [String]) {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { (db: Database) throws in
            (try String.fetchAll(db, sql: """
                SELECT item || '/' || warehouse || '=' || quantity FROM stock_level WHERE quantity != 0 ORDER BY item, warehouse
                """),
             try String.fetchAll(db, sql: """
                SELECT item || '/' || warehouse || '=' || sum(delta) FROM stock_movement GROUP BY item, warehouse
                HAVING sum(delta) != 0 ORDER BY item, warehouse
                """))
        }
    }

    static func expectLevelsMatchLedger(_ t: TemporaryDatabase, _ comment: Comment? = nil,
                                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (levels, sums) = try levelsAndSums(t.path)
        #expect(levels == sums, comment, sourceLocation: sourceLocation)
    }

    // R16, R26: a database made before the migration keeps its ledger; the migration fills stock_level with the
    // ledger's sums and the figures read from it are the ones the sums gave.
    @Test func migrationFillsLevelsFromTheLedger() throws {
        let t = try TemporaryDatabase()
        t.db.close()
        try FileManager.default.removeItem(atPath: t.path)
        try AmazonIdIndexMigrationTests.previousSchema(t.path)
        let pool = try AppDatabase.openMigrated(path: t.path, upTo: "v4-no-amazon-id-index")
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO warehouse (id, name, is_primary, created_at) VALUES (2, 'East', 0, 0);
                INSERT INTO item (id, sku, name, confirmed, created_at) VALUES (2, 'SKU-2', 'Two', 1, 0);
                INSERT INTO stock_movement (item, warehouse, delta, kind, at) VALUES
                    (1, 1, 10, 'initial', 0), (1, 1, -3, 'adjustment', 0), (1, 2, 4, 'transfer', 0),
                    (2, 2, 6, 'initial', 0), (2, 2, -6, 'adjustment', 0), (2, 1, 1, 'initial', 0);
                """)
        }
        try pool.close()
        try t.reopen()  // runs v5-stock-level
        try Self.expectLevelsMatchLedger(t)
        let (levels, _) = try Self.levelsAndSums(t.path)
        #expect(levels == ["1/1=5", "1/2=4", "2/1=1"])
        // The order A-1 still holds 2 units of SKU-1 in Main: on hand 7, committed 2, available 5.
        let main = try #require(try t.db.stock(sku: "SKU-1").first { $0.warehouse == "Main" })
        #expect(main.available == 5 && main.committed == 2 && main.onHand == 7)
        #expect(try t.db.stock(sku: "SKU-2").map(\.available) == [1, 0])
        t.db.close()
        let queue = try DatabaseQueue(path: t.path)
        defer { try? queue.close() }
        try queue.read { (db: Database) throws in
            #expect(try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_schema WHERE name IN ('stock_movement_balance', 'sales_order_line_by_item')
                """).isEmpty)
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
        }
    }

    // R16, R17, R22, R26: the ways the ledger grows keep stock_level equal to its sums: initial stock, transfers,
    // adjustments by delta and by count, orders taking stock, a cancellation returning it, FBA marking. (The trigger
    // sees every insert into stock_movement, whichever code path makes it.)
    @Test func everyLedgerPathKeepsLevelsEqualToTheSums() throws {
        let t = try inventoryDatabase()
        try t.db.addWarehouse(name: "East")
        try t.db.addWarehouse(name: "FBA")
        try t.db.setStockSync(channel: shopUS, active: true, fbaWarehouse: "FBA", mappedWarehouse: nil)
        try t.db.upsertListings(channel: shopUS, listings: [
            IncomingListing(sku: "SKU-1", title: "Mug"), IncomingListing(sku: "SKU-2", title: "Cup"),
        ])
        try t.db.recordStockMovement(sku: "SKU-1", warehouse: "Main", delta: 30, kind: .initial, reference: nil, reason: nil)
        try t.db.recordStockMovement(sku: "SKU-1", warehouse: "East", delta: 5, kind: .transfer, reference: "T1", reason: nil)
        try t.db.recordStockMovement(sku: "SKU-1", warehouse: "Main", delta: -5, kind: .transfer, reference: "T1", reason: nil)
        try t.db.adjustStock(sku: "SKU-2", warehouse: "Main", change: .newQuantity(12), reason: "count")
        try t.db.adjustStock(sku: "SKU-2", warehouse: "East", change: .delta(-1), reason: "broken")
        try Self.expectLevelsMatchLedger(t, "manual movements")
        let two = [IncomingOrderLine(lineId: "B-1", sku: "SKU-1", asin: nil, quantity: 3, unitPrice: nil),
                   IncomingOrderLine(lineId: "B-2", sku: "SKU-2", asin: nil, quantity: 1, unitPrice: nil)]
        try t.db.upsertOrders(channel: shopUS, orders: [order("A"), order("B", lines: two), order("C")], cursor: nil)
        try Self.expectLevelsMatchLedger(t, "orders taken")
        try t.db.upsertOrders(channel: shopUS, orders: [order("B", .cancelled, updated: 10, lines: two)], cursor: nil)
        try Self.expectLevelsMatchLedger(t, "a cancellation")
        #expect(try available(t, "SKU-1") == 30 - 5 - 2 - 2)
        #expect(try available(t, "SKU-2") == 12)
        try t.db.markFBA(skus: ["SKU-2"], channel: shopUS, amazon: ["SKU-2": 4])
        try t.db.adjustStock(sku: "SKU-1", warehouse: "Main", change: .newQuantity(8), reason: "count")
        try Self.expectLevelsMatchLedger(t, "FBA marking and a count")
        // The figures are the sums: on hand 8 in Main = available 4 + 2 orders of 2 units committed.
        let main = try #require(try t.db.stock(sku: "SKU-1").first { $0.warehouse == "Main" })
        #expect(main.onHand == 8 && main.committed == 4 && main.available == 4)
        #expect(try t.db.stock(sku: "SKU-2").first { $0.warehouse == "FBA" }?.available == 4)
        // A movement the ledger refuses (a zero delta) leaves the level as it was.
        #expect(throws: StoreError.self) {
            try t.db.recordStockMovement(sku: "SKU-1", warehouse: "Main", delta: 0, kind: .initial, reference: nil, reason: nil)
        }
        try Self.expectLevelsMatchLedger(t, "a refused movement")
    }

    // R22, R26: the units committed to open orders count only open, seller-shipped orders of the warehouse, minus
    // what they shipped; the figure for many items at once (FBA figures, marking) is the figure item by item.
    @Test func committedCountsOpenSellerShippedOrdersOnly() throws {
        let t = try inventoryDatabase()
        try t.db.addWarehouse(name: "East")
        try t.db.upsertListings(channel: shopUS, listings: [
            IncomingListing(sku: "SKU-1", title: "Mug"), IncomingListing(sku: "SKU-2", title: "Cup"),
        ])
        func line(_ id: String, _ sku: String, _ quantity: Int, shipped: Int = 0) -> IncomingOrderLine {
            IncomingOrderLine(lineId: id, sku: sku, asin: nil, quantity: quantity, quantityShipped: shipped, unitPrice: nil)
        }
        try t.db.upsertOrders(channel: shopUS, orders: [
            order("OPEN", lines: [line("1", "SKU-1", 2), line("2", "SKU-2", 5)]),
            order("PART", .partiallyShipped, lines: [line("1", "SKU-1", 3, shipped: 1)]),
            order("DONE", .shipped, lines: [line("1", "SKU-1", 4, shipped: 4)]),
            order("GONE", .cancelled, lines: [line("1", "SKU-1", 7)]),
            order("AFN", channel: .afn, lines: [line("1", "SKU-1", 9)]),
        ], cursor: nil)
        // GONE was cancelled before it was seen and is not stored; AFN is Amazon's to ship (force fulfilled).
        #expect(try t.db.stock(sku: "SKU-1").first { $0.warehouse == "Main" }?.committed == 2 + 2)
        #expect(try t.db.stock(sku: "SKU-2").first { $0.warehouse == "Main" }?.committed == 5)
        #expect(try t.db.stock(sku: "SKU-1").first { $0.warehouse == "East" }?.committed == 0)
        t.db.close()
        let queue = try DatabaseQueue(path: t.path)
        defer { try? queue.close() }
        try queue.read { (db: Database) throws in
            let main = try #require(try AppDatabase.warehouseId(db, name: "Main"))
            let items = try Int64.fetchAll(db, sql: "SELECT id FROM item ORDER BY id")
            let all = try AppDatabase.committedByItem(db, warehouse: main)
            for item in items {
                #expect(all[item, default: 0] == (try AppDatabase.committed(db, item: item, warehouse: main)))
            }
            #expect(all.values.sorted() == [4, 5])
        }
    }

    // The figures' statements read a bounded part of the store: stock_level by its key, the open orders by their
    // partial index and their lines by order. None scans the ledger or the order lines, which grow with every order.
    @Test func figuresNeitherScanTheLedgerNorTheLines() throws {
        let t = try inventoryDatabase()
        t.db.close()
        let queue = try DatabaseQueue(path: t.path)
        defer { try? queue.close() }
        try queue.read { (db: Database) throws in
            func plan(_ sql: String) throws -> [String] {
                // Item and warehouse 1 for each parameter (the plan does not depend on the values); a numbered
                // parameter written twice is one, and the values past the statement's last parameter are not bound.
                let statement = try db.makeStatement(sql: "EXPLAIN QUERY PLAN " + sql)
                statement.setUncheckedArguments(StatementArguments(Array(repeating: 1, count: sql.filter { $0 == "?" }.count)))
                return try Row.fetchAll(statement).map { $0["detail"] as String }
            }
            #expect(AppDatabase.FigureSQL.all.count == 3)
            for sql in AppDatabase.FigureSQL.all {
                // Only the few warehouses may be read whole.
                let steps = try plan(sql)
                #expect(!steps.contains { $0.hasPrefix("SCAN") && !$0.hasPrefix("SCAN w") }, "\(steps)")
            }
            #expect(try plan(AppDatabase.FigureSQL.available).contains { $0.contains("SEARCH stock_level USING PRIMARY KEY") })
            #expect(try plan(AppDatabase.FigureSQL.committed).contains { $0.contains("USING INDEX sales_order_open") })
        }
    }
}
