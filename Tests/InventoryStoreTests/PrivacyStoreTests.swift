import Foundation
import Inventory
import InventoryStore
import Testing

/// Data-protection surfaces in the store: pre-vault orders left alone (R34), drafts cloned without PII (R32),
/// the PII-free export rows (R32).
struct PrivacyStoreTests {
    static let buyer = PIIVaultTests.jane

    /// R34: an order synced before the vault existed (no vault reference, piiState none, raw SQL as an old
    /// version wrote it) is left as it was: the purge never touches it, reveal says none, while an order with
    /// PII fulfilled at the same time is purged.
    @Test func preVaultOrderIsLeftAsItWas() throws {
        let t = try inventoryDatabase()
        // Confirmed first (R17 admits only confirmed orders), shipped later: its PII clock starts (R31).
        try t.db.upsertOrders(channel: shopUS, orders: [order("WITH-PII", buyer: Self.buyer)], cursor: nil)
        try t.db.upsertOrders(channel: shopUS, orders: [order("WITH-PII", .shipped, updated: 60, buyer: Self.buyer)], cursor: nil)
        try t.db.executeForTesting("""
            INSERT INTO sales_order (channel, amazon_order_id, status, fulfillment_channel, customer_name, force_fulfilled,
                warehouse, purchased_at, last_updated_at, fulfilled_at, comments, pii_state, vault, created_at, updated_at)
            SELECT 'shop-us', 'PRE-VAULT', 'shipped', 'MFN', 'Amazon.com customer', 0, id, 1000, 2000, 2000, 'Paid',
                'none', NULL, 1000, 1000 FROM warehouse WHERE name = 'Main';
            INSERT INTO sales_order_line (sales_order, line_id, sku, quantity, quantity_shipped)
            SELECT id, 'PV-1', 'SKU-1', 1, 1 FROM sales_order WHERE amazon_order_id = 'PRE-VAULT';
            """)
        let before = try #require(try t.db.order(amazonOrderId: "PRE-VAULT"))
        #expect(before.piiState == PIIState.none)
        #expect(try t.db.revealBuyer(order: before.id) == nil)  // reveal says none
        // Far beyond every retention period: only the vaulted order's PII goes.
        let purged = try t.db.purgeExpiredPII(now: t0.addingTimeInterval(10 * 365 * day), batchSize: 100)
        #expect(purged == 1)
        #expect(try t.db.order(amazonOrderId: "WITH-PII")?.piiState == .purged)  // R31
        #expect(try t.db.order(amazonOrderId: "PRE-VAULT") == before)  // R34: untouched, still none
        #expect(try t.db.revealBuyer(order: before.id) == nil)
    }

    /// R32: a clone is a local draft with the source's lines, the default customer, the primary warehouse, no PII
    /// column at all, and it takes no stock and queues no push.
    @Test func cloneCopiesLinesWithoutPIIOrStock() throws {
        let t = try inventoryDatabase()
        let lines = [
            IncomingOrderLine(lineId: "L1", sku: "SKU-1", asin: "B000TEST01", quantity: 2,
                              unitPrice: try Money(amount: "19.99", currency: "USD")),
            IncomingOrderLine(lineId: "L2", sku: "SKU-2", asin: nil, quantity: 3, unitPrice: nil),
        ]
        try t.db.upsertOrders(channel: shopUS, orders: [order("A", lines: lines, buyer: Self.buyer)], cursor: nil)
        let source = try #require(try t.db.order(amazonOrderId: "A"))
        let stockBefore = (try available(t, "SKU-1"), try available(t, "SKU-2"))
        let movementsBefore = try t.db.rowCount(table: "stock_movement")
        let outboxBefore = try t.db.rowCount(table: "stock_outbox")

        let draft = try t.db.cloneOrder(id: source.id, now: t0)
        #expect(draft.clonedFrom == source.id)
        #expect(draft.customerName == source.customerName)  // R33 default customer, never the buyer
        #expect(draft.warehouse == "Main")
        #expect(draft.comments.isEmpty)
        #expect(draft.lines.map(\.sku) == ["SKU-1", "SKU-2"])
        #expect(draft.lines.map(\.quantity) == [2, 3])
        #expect(draft.lines.map(\.position) == [1, 2])
        #expect(draft.lines.first?.unitPrice == (try Money(amount: "19.99", currency: "USD")))
        #expect(try t.db.orderDraft(id: draft.id) == draft)
        // No stock taken, nothing to push.
        #expect((try available(t, "SKU-1"), try available(t, "SKU-2")) == stockBefore)
        #expect(try t.db.rowCount(table: "stock_movement") == movementsBefore)
        #expect(try t.db.rowCount(table: "stock_outbox") == outboxBefore)
        // A second clone is a second draft; the source is unchanged.
        #expect(try t.db.cloneOrder(id: source.id, now: t0).id != draft.id)
        #expect(try t.db.order(id: source.id) == source)
        #expect(throws: StoreError.noSuchOrder("999999")) { try t.db.cloneOrder(id: 999_999, now: t0) }
        // Structurally no place for PII: no buyer, email, phone, address or vault column.
        try t.db.executeForTesting("""
            INSERT INTO order_draft_line (draft, position, sku, quantity) VALUES (\(draft.id), 99, 'X', 1)
            """)
        for column in ["buyer", "email", "phone", "address", "vault", "amazon_order_id", "pii_state"] {
            #expect(throws: StoreError.self) {
                try t.db.executeForTesting("SELECT \(column) FROM order_draft")
            }
        }
    }

    /// R32: export rows filter by channel, purchase time [from, to) and status, one per line, oldest first, bounded.
    @Test func exportRowsFilterAndBound() throws {
        let t = try inventoryDatabase()
        func placed(_ id: String, _ status: OrderStatus, at offset: TimeInterval) -> IncomingOrder {
            var o = order(id, status, buyer: Self.buyer)
            o.purchasedAt = t0.addingTimeInterval(offset)
            o.lastUpdatedAt = t0.addingTimeInterval(offset)
            return o
        }
        try t.db.upsertOrders(
            channel: shopUS,
            orders: [placed("OLD", .unshipped, at: -day), placed("MID", .unshipped, at: 0), placed("NEW", .unshipped, at: day)],
            cursor: nil)
        var shipped = placed("MID", .shipped, at: 0)
        shipped.lastUpdatedAt = t0.addingTimeInterval(60)
        try t.db.upsertOrders(channel: shopUS, orders: [shipped], cursor: nil)
        let all = try t.db.orderExportRows(channel: nil, from: nil, to: nil, status: nil, limit: 100)
        #expect(all.map(\.amazonOrderId) == ["OLD", "MID", "NEW"])
        #expect(all.allSatisfy { $0.channel == "shop-us" && $0.sku == "SKU-1" && $0.quantity == 2 && $0.unitPrice == "19.99" })
        let window = try t.db.orderExportRows(channel: shopUS, from: t0, to: t0.addingTimeInterval(day), status: nil, limit: 100)
        #expect(window.map(\.amazonOrderId) == ["MID"])  // from inclusive, to exclusive
        let open = try t.db.orderExportRows(channel: nil, from: nil, to: nil, status: .unshipped, limit: 100)
        #expect(open.map(\.amazonOrderId) == ["OLD", "NEW"])
        #expect(try t.db.orderExportRows(channel: nil, from: nil, to: nil, status: nil, limit: 2).count == 2)
        #expect(try t.db.orderExportRows(channel: try ChannelName("other"), from: nil, to: nil, status: nil, limit: 9).isEmpty)
    }
}
