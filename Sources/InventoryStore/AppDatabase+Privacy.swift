import Foundation
import GRDB
import Inventory

/// Reading buyer PII back (R30, for RevealBuyer and slips) and crypto-shredding it on schedule (R31).
extension AppDatabase {
    /// Decrypts an order's buyer data; nil when the order has none or it was purged. The caller audits.
    public func revealBuyer(order id: SalesOrder.ID) throws(StoreError) -> BuyerPII? {
        guard let vault else { throw .vaultLocked }
        let found: (String, String, Data?)? = try read { db in
            guard
                let r = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT o.channel, o.amazon_order_id, v.sealed FROM sales_order o
                        LEFT JOIN pii_vault v ON v.id = o.vault WHERE o.id = ?
                        """,
                    arguments: [id])
            else { return nil }
            return (r[0], r[1], r[2])
        }
        guard let (channel, amazonOrderId, sealed) = found else { throw .noSuchOrder(String(id)) }
        guard let sealed else { return nil }
        let name: ChannelName
        do { name = try ChannelName(channel) } catch { throw .io("bad channel name \(channel) stored") }
        return try vault.open(sealed, binding: PIIVault.binding(channel: name, amazonOrderId: amazonOrderId))
    }

    /// Deletes at most `batchSize` vault rows whose purge time has passed, in one short transaction, and
    /// marks their orders `purged` (R31). Returns how many were purged; call again until it returns less.
    public func purgeExpiredPII(now: Date, batchSize: Int) throws(StoreError) -> Int {
        try write { db in
            let due = try Int64.fetchAll(
                db, sql: "SELECT id FROM pii_vault WHERE purge_after <= ? ORDER BY purge_after LIMIT ?",
                arguments: [AppDatabase.ms(now), batchSize])
            for id in due {
                try db.run(sql: "UPDATE sales_order SET vault = NULL, pii_state = 'purged' WHERE vault = ?", arguments: [id])
                try db.run(sql: "DELETE FROM pii_vault WHERE id = ?", arguments: [id])
            }
            return due.count
        }
    }
}

/// Data-protection surfaces over orders: slip titles, local drafts cloned without PII, and the PII-free export (R32).
extension AppDatabase {
    /// The names of the items an order's lines are linked to, by line id (the slips' titles); lines without an
    /// item are absent.
    public func lineTitles(order id: SalesOrder.ID) throws(StoreError) -> [String: String] {
        try read { db in
            var titles: [String: String] = [:]
            for r in try Row.fetchAll(
                db,
                sql: """
                    SELECT l.line_id, i.name FROM sales_order_line l JOIN item i ON i.id = l.item
                    WHERE l.sales_order = ? ORDER BY l.id
                    """,
                arguments: [id])
            {
                titles[r[0]] = r[1]
            }
            return titles
        }
    }

    /// Copies an order into a new local draft in one transaction (R32): its lines (sku, asin, quantity, price),
    /// the marketplace's default customer, the primary warehouse, no buyer data, no vault reference, no Amazon
    /// order id. A draft takes no stock: no ledger movement is written and the stock outbox is untouched.
    public func cloneOrder(id: SalesOrder.ID, now: Date) throws(StoreError) -> OrderDraft {
        let draftId: Int64 = try write { db in
            guard
                let customer = try String.fetchOne(
                    db, sql: "SELECT customer_name FROM sales_order WHERE id = ?", arguments: [id])
            else { throw StoreError.noSuchOrder(String(id)) }
            let warehouse = try AppDatabase.warehouseId(db, name: try AppDatabase.primaryWarehouseName(db))!
            try db.run(
                sql: """
                    INSERT INTO order_draft (cloned_from, customer_name, warehouse, comments, created_at)
                    VALUES (?, ?, ?, '', ?)
                    """,
                arguments: [id, customer, warehouse, AppDatabase.ms(now)])
            let draft = db.lastInsertedRowID
            try db.run(
                sql: """
                    INSERT INTO order_draft_line (draft, position, sku, asin, item, quantity, unit_price, currency)
                    SELECT ?1, row_number() OVER (ORDER BY id), sku, asin, item, quantity, unit_price, currency
                    FROM sales_order_line WHERE sales_order = ?2
                    """,
                arguments: [draft, id])
            return draft
        }
        guard let draft = try orderDraft(id: draftId) else { throw .io("draft \(draftId) vanished after insert") }
        return draft
    }

    /// One local draft by id.
    public func orderDraft(id: OrderDraft.ID) throws(StoreError) -> OrderDraft? {
        try read { db in
            guard
                let r = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT d.id, d.cloned_from, d.customer_name, w.name, d.comments, d.created_at
                        FROM order_draft d JOIN warehouse w ON w.id = d.warehouse WHERE d.id = ?
                        """,
                    arguments: [id])
            else { return nil }
            let lines = try Row.fetchAll(
                db,
                sql: """
                    SELECT position, sku, asin, quantity, unit_price, currency FROM order_draft_line
                    WHERE draft = ? ORDER BY position
                    """,
                arguments: [id]
            ).map { l in
                let price: Money? = {
                    guard let amount: String = l[4], let currency: String = l[5] else { return nil }
                    return try? Money(amount: amount, currency: currency)
                }()
                return OrderDraft.Line(position: l[0], sku: l[1], asin: l[2], quantity: l[3], unitPrice: price)
            }
            return OrderDraft(
                id: r[0], clonedFrom: r[1], customerName: r[2], warehouse: r[3], comments: r[4],
                createdAt: AppDatabase.date(r[5] as Int64), lines: lines)
        }
    }

    /// Order lines for the CSV export, oldest purchase first, purchased in [from, to) when given; at most `limit`
    /// rows (ask for one more than you allow to learn the export is too large). Never any buyer data (R32).
    public func orderExportRows(
        channel: ChannelName?, from: Date?, to: Date?, status: OrderStatus?, limit: Int
    ) throws(StoreError) -> [OrderExportRow] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT o.id, o.channel, o.amazon_order_id, o.status, o.fulfillment_channel, w.name, o.purchased_at,
                           o.last_updated_at, o.fulfilled_at, l.line_id, l.sku, l.asin, l.quantity, l.quantity_shipped,
                           l.unit_price, l.currency
                    FROM sales_order o JOIN warehouse w ON w.id = o.warehouse
                    JOIN sales_order_line l ON l.sales_order = o.id
                    WHERE (?1 IS NULL OR o.channel = ?1) AND (?2 IS NULL OR o.purchased_at >= ?2)
                      AND (?3 IS NULL OR o.purchased_at < ?3) AND (?4 IS NULL OR o.status = ?4)
                    ORDER BY o.purchased_at, o.id, l.id LIMIT ?5
                    """,
                arguments: [channel?.rawValue, AppDatabase.ms(from), AppDatabase.ms(to), status?.rawValue, limit]
            ).map { r in
                OrderExportRow(
                    orderId: r[0], channel: r[1], amazonOrderId: r[2], status: r[3], fulfillmentChannel: r[4],
                    warehouse: r[5], purchasedAt: AppDatabase.date(r[6] as Int64),
                    lastUpdatedAt: AppDatabase.date(r[7] as Int64), fulfilledAt: AppDatabase.date(r[8] as Int64?),
                    lineId: r[9], sku: r[10], asin: r[11], quantity: r[12], quantityShipped: r[13], unitPrice: r[14],
                    currency: r[15])
            }
        }
    }
}
