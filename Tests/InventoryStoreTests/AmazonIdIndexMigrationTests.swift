import Foundation
import GRDB
import Inventory
import Testing

@testable import InventoryStore

/// Migration v4-no-amazon-id-index (issue 6, ingest): the index on the Amazon order id alone is dropped; look-ups by
/// that id go through the unique key (channel, amazon_order_id) per channel. Rows stay, constraints still refuse.
struct AmazonIdIndexMigrationTests {
    /// A database file at the schema just before the migration (v4-no-contact-index), with one order and its rows.
    static func previousSchema(_ path: String) throws {
        try CheckListMigrationTests.previousSchema(path)
        let pool = try AppDatabase.openMigrated(path: path, upTo: "v4-no-contact-index")
        try pool.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema WHERE name = 'sales_order_by_amazon_id'") == 1)
        }
        try pool.close()
    }

    // R18: the stored order, its line, ledger and records survive the migration; GetOrder by Amazon id finds it.
    @Test func previousDatabaseKeepsItsRowsAndLosesTheIndex() throws {
        let t = try TemporaryDatabase()
        t.db.close()
        try FileManager.default.removeItem(atPath: t.path)
        try Self.previousSchema(t.path)
        try t.reopen()  // runs v4-no-amazon-id-index
        let order = try #require(try t.db.order(amazonOrderId: "A-1"))
        #expect(order.status == .unshipped && order.lines.map(\.quantity) == [2] && order.piiState == .present)
        #expect(try available(t, "SKU-1") == -2)
        t.db.close()
        let pool = try DatabasePool(path: t.path)
        defer { try? pool.close() }
        try pool.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema WHERE name = 'sales_order_by_amazon_id'") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM task_record") == 1)
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
        }
    }

    // R18: the unique key the look-ups now use still refuses a second copy of an order on its channel, and the
    // status CHECK still refuses a bad value.
    @Test func migratedDatabaseStillRefusesBadRows() throws {
        let t = try TemporaryDatabase()
        t.db.close()
        try FileManager.default.removeItem(atPath: t.path)
        try Self.previousSchema(t.path)
        try t.reopen()
        t.db.close()
        let pool = try DatabasePool(path: t.path)
        defer { try? pool.close() }
        let insert = """
            INSERT INTO sales_order (channel, amazon_order_id, status, fulfillment_channel, customer_name, force_fulfilled,
                warehouse, purchased_at, last_updated_at, comments, pii_state, created_at, updated_at)
            VALUES ('shop-us', ?, ?, 'MFN', 'C', 0, 1, 0, 0, 'Paid', 'none', 0, 0)
            """
        for (id, status) in [("A-1", "unshipped"), ("A-2", "bogus")] {
            #expect(throws: DatabaseError.self) { try pool.write { db in try db.execute(sql: insert, arguments: [id, status]) } }
        }
        try pool.write { db in try db.execute(sql: insert, arguments: ["A-2", "shipped"]) }
    }

    // The look-ups by Amazon order id alone search the unique key per channel (no scan of sales_order), and find an
    // order on any channel, the oldest first when two channels have the same id.
    @Test func lookupsByAmazonIdUseTheUniqueKey() throws {
        let t = try inventoryDatabase()
        let other = try ChannelName("shop-uk")
        try t.db.registerChannels([try channel("shop-us"), try channel("shop-uk", .uk)])
        try t.db.upsertOrders(channel: other, orders: [order("X-1"), order("X-2")], cursor: nil)
        try t.db.upsertOrders(channel: shopUS, orders: [order("X-1")], cursor: nil)
        let first = try #require(try t.db.order(amazonOrderId: "X-1"))
        #expect(first.channel == other)
        #expect(try t.db.order(amazonOrderId: "X-1", channel: shopUS)?.channel == shopUS)
        #expect(try t.db.order(amazonOrderId: "X-2", channel: shopUS) == nil)
        #expect(try t.db.order(amazonOrderId: "X-2")?.channel == other)
        #expect(try t.db.order(amazonOrderId: "X-3") == nil)
        t.db.close()
        let pool = try DatabasePool(path: t.path)
        defer { try? pool.close() }
        try pool.read { (db: Database) throws in
            let plan = try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT id FROM sales_order
                WHERE channel IN (SELECT name FROM channel WHERE ?2 IS NULL OR name = ?2) AND amazon_order_id = ?1
                ORDER BY id LIMIT 1
                """, arguments: ["X-1", nil as String?]).map { $0["detail"] as String }
            #expect(plan.contains { $0.contains("SEARCH sales_order USING") && $0.contains("channel=? AND amazon_order_id=?") })
            #expect(!plan.contains { $0.hasPrefix("SCAN sales_order") })
        }
    }
}
