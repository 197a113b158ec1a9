import Foundation
import GRDB
import Inventory
import Testing

@testable import InventoryStore

/// Migration v4-check-lists (issue 6, ingest): the ingest tables' `IN (…)` CHECKs spelled as OR chains, rewritten
/// in place. The same values must be accepted and refused before and after, and stored rows must stay.
struct CheckListMigrationTests {
    /// A database file at the schema before v4 (v3-buyer-requests), with one order, its line, vault, movement and
    /// task record written by plain SQL.
    static func previousSchema(_ path: String) throws {
        let pool = try AppDatabase.openMigrated(path: path, upTo: "v3-buyer-requests")
        defer { try? pool.close() }
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO channel (name, marketplace, seller_id, declared_at) VALUES ('shop-us', 'US', 'S1', 0);
                INSERT INTO warehouse (id, name, is_primary, created_at) VALUES (1, 'Main', 1, 0);
                INSERT INTO item (id, sku, name, confirmed, created_at) VALUES (1, 'SKU-1', 'One', 1, 0);
                INSERT INTO sync_task (id, channel, module, trigger, status, started_at) VALUES (1, 'shop-us', 'orders', 'initial', 'running', 0);
                INSERT INTO task_record (task, record_id, kind, outcome) VALUES (1, 'A-1', 'order', 'synced');
                INSERT INTO pii_vault (id, sealed, created_at) VALUES (1, randomblob(40), 0), (2, randomblob(40), 0);
                INSERT INTO sales_order (id, channel, amazon_order_id, status, fulfillment_channel, customer_name,
                    force_fulfilled, warehouse, purchased_at, last_updated_at, comments, pii_state, vault, created_at, updated_at)
                    VALUES (1, 'shop-us', 'A-1', 'unshipped', 'MFN', 'C', 0, 1, 0, 0, 'Paid', 'present', 1, 0, 0);
                INSERT INTO sales_order_line (id, sales_order, line_id, sku, item, quantity, quantity_shipped)
                    VALUES (1, 1, 'L1', 'SKU-1', 1, 2, 0);
                INSERT INTO stock_movement (item, warehouse, delta, kind, order_line, at) VALUES (1, 1, -2, 'order', 1, 0);
                """)
        }
    }

    /// Which of `values` each rewritten column accepts, one insert each (rolled back), on the database at `path`.
    static func accepted(_ path: String, _ values: [String]) throws -> [String: [String]] {
        let pool = try DatabasePool(path: path)
        defer { try? pool.close() }
        var result: [String: [String]] = [:]
        let inserts: [(String, String)] = [
            ("sales_order.status", """
                INSERT INTO sales_order (channel, amazon_order_id, status, fulfillment_channel, customer_name, force_fulfilled,
                    warehouse, purchased_at, last_updated_at, comments, pii_state, created_at, updated_at)
                VALUES ('shop-us', 'A-9', ?, 'MFN', 'C', 0, 1, 0, 0, 'Paid', 'none', 0, 0)
                """),
            ("sales_order.pii_state", """
                INSERT INTO sales_order (channel, amazon_order_id, status, fulfillment_channel, customer_name, force_fulfilled,
                    warehouse, purchased_at, last_updated_at, comments, pii_state, vault, created_at, updated_at)
                VALUES ('shop-us', 'A-9', 'shipped', 'MFN', 'C', 0, 1, 0, 0, 'Paid', ?1, CASE WHEN ?1 = 'present' THEN 2 END, 0, 0)
                """),
            ("stock_movement.kind", """
                INSERT INTO stock_movement (item, warehouse, delta, kind, order_line, at)
                VALUES (1, 1, 1, ?1, CASE WHEN ?1 IN ('order', 'cancellation') THEN 1 END, 0)
                """),
            ("task_record.outcome", "INSERT INTO task_record (task, record_id, kind, outcome) VALUES (1, 'A-9', 'order', ?)"),
        ]
        try pool.writeWithoutTransaction { db in
            for (column, sql) in inserts {
                for value in values {
                    try db.execute(sql: "SAVEPOINT probe")
                    do {
                        try db.execute(sql: sql, arguments: [value])
                        result[column, default: []].append(value)
                    } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {}
                    try db.execute(sql: "ROLLBACK TO probe")
                    try db.execute(sql: "RELEASE probe")
                }
            }
        }
        return result
    }

    static let candidates: [String] =
        OrderStatus.allCases.map(\.rawValue) + PIIState.allCases.map(\.rawValue) + StockMovementKind.allCases.map(\.rawValue)
        + RecordOutcome.allCases.map(\.rawValue)
        + ["", "Shipped", "shipped ", " order", "bogus", "present,none", "'", "pending OR 1", "cancelledx"]

    // R17/R18/R22: the ledger's, the orders' and the task records' enumerations are enforced as before.
    @Test func rewrittenChecksAcceptAndRefuseTheSameValues() throws {
        let before = try TemporaryDatabase()
        let after = try TemporaryDatabase()
        before.db.close()
        after.db.close()
        try FileManager.default.removeItem(atPath: before.path)
        try FileManager.default.removeItem(atPath: after.path)
        try Self.previousSchema(before.path)
        try Self.previousSchema(after.path)
        try after.reopen()  // runs v4-check-lists
        after.db.close()
        let old = try Self.accepted(before.path, Self.candidates)
        let new = try Self.accepted(after.path, Self.candidates)
        #expect(new == old)
        #expect(Set(new["sales_order.status"] ?? []) == Set(OrderStatus.allCases.map(\.rawValue)))
        #expect(Set(new["sales_order.pii_state"] ?? []) == Set(PIIState.allCases.map(\.rawValue)))
        #expect(Set(new["stock_movement.kind"] ?? []) == Set(StockMovementKind.allCases.map(\.rawValue)))
        #expect(Set(new["task_record.outcome"] ?? []) == Set(RecordOutcome.allCases.map(\.rawValue)))
    }

    @Test func previousDatabaseKeepsItsRowsAndLosesTheLists() throws {
        let t = try TemporaryDatabase()
        t.db.close()
        try FileManager.default.removeItem(atPath: t.path)
        try Self.previousSchema(t.path)
        try t.reopen()  // runs v4-check-lists
        // The rows written before are all there and the order reads as before.
        let order = try #require(try t.db.order(amazonOrderId: "A-1", channel: shopUS))
        #expect(order.status == .unshipped && order.lines.map(\.quantity) == [2] && order.piiState == .present)
        #expect(try available(t, "SKU-1") == -2)
        t.db.close()
        let pool = try DatabasePool(path: t.path)
        defer { try? pool.close() }
        try pool.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM task_record") == 1)
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
            for table in Schema.checkListTables {
                let sql = try #require(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = ?", arguments: [table]))
                // Only two-constant lists are left (SQLite compares those inline).
                #expect(!sql.contains("IN ('pendingAvailability'") && !sql.contains("IN ('present'") && !sql.contains("IN ('synced'"))
                #expect(!sql.contains("IN ('order','cancellation','adjustment'"))
                #expect(sql.contains("STRICT"))
            }
        }
        // A bad value is still refused after the migration.
        #expect {
            try pool.write { db in try db.execute(sql: "UPDATE sales_order SET status = 'bogus' WHERE id = 1") }
        } throws: { ($0 as? DatabaseError)?.resultCode == .SQLITE_CONSTRAINT }
    }

    // R19: v4-no-contact-index drops an index no query reads; the contact link and its ON DELETE SET NULL stay.
    @Test func contactIndexGoneAndTheLinkStillHolds() throws {
        let t = try inventoryDatabase()
        try t.db.upsertOrders(channel: shopUS, orders: [order("D-1", buyer: BuyerPII(buyerEmail: "d@example.com"))], cursor: nil)
        let contact = try #require(try t.db.order(amazonOrderId: "D-1")?.contactId)
        t.db.close()
        let pool = try DatabasePool(path: t.path, configuration: { var c = Configuration(); c.foreignKeysEnabled = true; return c }())
        defer { try? pool.close() }
        try pool.write { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema WHERE name = 'sales_order_by_contact'") == 0)
            try db.execute(sql: "DELETE FROM contact WHERE id = ?", arguments: [contact])
            #expect(try Int64?.fetchOne(db, sql: "SELECT contact FROM sales_order WHERE amazon_order_id = 'D-1'") == .some(nil))
            #expect(try String.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        }
    }

    @Test func orChainsSpellsOnlyListsOfThreeOrMore() {
        #expect(Schema.orChains("CHECK (a IN ('x','y','z'))") == "CHECK ((a = 'x' OR a = 'y' OR a = 'z'))")
        #expect(Schema.orChains("CHECK (a IN ('x','y'))") == "CHECK (a IN ('x','y'))")
        #expect(Schema.orChains("CHECK (s IN ('p',\n    'q', 'r')) AND (t IN (1,2,3))") == "CHECK ((s = 'p' OR s = 'q' OR s = 'r')) AND (t IN (1,2,3))")
    }

    @Test func freshDatabaseIngestsWithTheRewrittenSchema() throws {
        let t = try inventoryDatabase()
        try t.db.setOrderSyncMode(.confirmedAndFulfilled)
        let results = try t.db.upsertOrders(channel: shopUS, orders: [order("B-1"), order("B-2", .shipped)], cursor: nil)
        #expect(results.map(\.action) == [.created, .created])
        #expect(try available(t, "SKU-1") == -4)
    }
}
