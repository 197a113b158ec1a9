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
