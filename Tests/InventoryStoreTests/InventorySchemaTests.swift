import Foundation
import Testing
import Inventory
import InventoryStore

/// v2's invariants hold even against raw SQL.
struct InventorySchemaTests {
    func violates(_ t: TemporaryDatabase, _ sql: String) -> Bool {
        do {
            try t.db.executeForTesting(sql)
            return false
        } catch {
            if case .constraintViolated = error { return true }
            return false
        }
    }

    /// Fails if anyone edits v2 once released (merged): add a v3 instead.
    @Test func v2MigrationIsFrozen() {
        #expect(fnv1a64(AppDatabase.v2MigrationSQL) == Self.v2Hash, "v2 hash is \(fnv1a64(AppDatabase.v2MigrationSQL))")
    }
    static let v2Hash: UInt64 = 1_421_534_709_001_377_768

    @Test func v2Tables() throws {
        let t = try TemporaryDatabase()
        let tables = try t.db.tableNames()
        for name in [
            "warehouse", "item", "listing", "stock_movement", "contact", "sales_order", "sales_order_line",
            "order_cursor", "pii_vault", "stock_outbox",
        ] {
            #expect(tables.contains(name), "missing table \(name)")
        }
    }

    @Test func refusesBadData() throws {
        let t = try inventoryDatabase()
        try t.db.upsertOrders(channel: shopUS, orders: [order("A")], cursor: nil)
        // One primary warehouse only (R22).
        #expect(violates(t, "INSERT INTO warehouse (name, is_primary, created_at) VALUES ('Second', 1, 0)"))
        #expect(violates(t, "INSERT INTO warehouse (name, kind, created_at) VALUES ('W', 'cloud', 0)"))
        // R18: one sales order per (channel, amazon order id); one line per (order, line id).
        #expect(violates(t, """
            INSERT INTO sales_order (channel, amazon_order_id, status, fulfillment_channel, customer_name, force_fulfilled,
                warehouse, purchased_at, last_updated_at, comments, pii_state, created_at, updated_at)
            SELECT channel, amazon_order_id, status, fulfillment_channel, customer_name, force_fulfilled, warehouse,
                purchased_at, last_updated_at, comments, pii_state, created_at, updated_at FROM sales_order
            """))
        #expect(violates(t, "INSERT INTO sales_order_line (sales_order, line_id, sku, quantity, quantity_shipped) SELECT sales_order, line_id, sku, 1, 0 FROM sales_order_line"))
        // R27: only AFN orders are force-fulfilled. R30: present PII needs a vault row.
        #expect(violates(t, "UPDATE sales_order SET force_fulfilled = 1"))
        #expect(violates(t, "UPDATE sales_order SET pii_state = 'present'"))
        #expect(violates(t, "UPDATE sales_order SET status = 'lost'"))
        // Listings unique per channel and SKU; a confirmed listing has an item.
        #expect(violates(t, "INSERT INTO listing (channel, sku, fulfillment, confirmed, updated_at) VALUES ('shop-us', 'SKU-1', 'mfn', 0, 0)"))
        #expect(violates(t, "UPDATE listing SET item = NULL, confirmed = 1"))
        // The ledger: no zero movement; order movements name their line.
        #expect(violates(t, "INSERT INTO stock_movement (item, warehouse, delta, kind, at) SELECT id, 1, 0, 'adjustment', 0 FROM item"))
        #expect(violates(t, "INSERT INTO stock_movement (item, warehouse, delta, kind, at) SELECT id, 1, -1, 'order', 0 FROM item"))
        #expect(violates(t, "INSERT INTO pii_vault (sealed, created_at) VALUES (x'00', 0)"))
        // A valid form passes, so the checks above fail for the reason tested.
        #expect(!violates(t, "INSERT INTO stock_movement (item, warehouse, delta, kind, at) SELECT id, 1, 5, 'adjustment', 0 FROM item"))
    }
}
