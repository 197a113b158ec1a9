import Foundation
import GRDB
import Inventory

/// The buyer-data queue of the order sync (issue 7, R30): orders the report brought without buyer data, read
/// from the store so the phase resumes where it was after any stop.
extension AppDatabase {
    /// The channel's MFN orders still to ship (unshipped, partially shipped) with no buyer data in the vault and not
    /// asked for yet, soonest to ship first, at most `limit`.
    ///
    /// The store keeps no ship-by date (neither the report nor the stored order carries Amazon's latest ship date),
    /// so "soonest to ship" is the purchase date, oldest first: Amazon's ship-by follows the purchase by the
    /// listing's handling time, which is the same for most of a seller's orders. Purged orders (R31) never take
    /// buyer data again, so only `none` qualifies.
    public func ordersAwaitingBuyerData(channel: ChannelName, limit: Int) throws(StoreError) -> [OrderAwaitingBuyerData] {
        try read { db in
            try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT o.amazon_order_id, o.purchased_at FROM sales_order o
                    WHERE o.channel = ? AND o.status IN ('unshipped', 'partiallyShipped') AND o.fulfillment_channel = 'MFN'
                        AND o.pii_state = 'none'
                        AND NOT EXISTS (SELECT 1 FROM order_buyer_request r WHERE r.sales_order = o.id)
                    ORDER BY o.purchased_at, o.id LIMIT ?
                    """),
                arguments: [channel.rawValue, max(limit, 0)]
            ).map { OrderAwaitingBuyerData(amazonOrderId: $0[0], purchasedAt: AppDatabase.date($0[1] as Int64)) }
        }
    }

    /// Remembers that the buyer data of these orders was asked of Amazon, whatever came back, so the queue moves on.
    /// Unknown ids are ignored; asking twice keeps the first time.
    public func recordBuyerDataAsked(channel: ChannelName, amazonOrderIds: [String], now: Date = Date()) throws(StoreError) {
        guard !amazonOrderIds.isEmpty else { return }
        try write { db in
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO order_buyer_request (sales_order, asked_at)
                SELECT id, ? FROM sales_order WHERE channel = ? AND amazon_order_id IN (SELECT value FROM json_each(?))
                """).execute(arguments: [AppDatabase.ms(now), channel.rawValue,
                                         try AppDatabase.jsonArray(amazonOrderIds, JSONEncoder())])
        }
    }

    /// How many of these orders have no buyer data in the vault (after they were asked: Amazon had none to give).
    public func countWithoutBuyerData(channel: ChannelName, amazonOrderIds: [String]) throws(StoreError) -> Int {
        guard !amazonOrderIds.isEmpty else { return 0 }
        return try read { db in
            try Int.fetchOne(
                db.cachedStatement(sql: """
                    SELECT count(*) FROM sales_order WHERE channel = ? AND pii_state != 'present'
                        AND amazon_order_id IN (SELECT value FROM json_each(?))
                    """),
                arguments: [channel.rawValue, try AppDatabase.jsonArray(amazonOrderIds, JSONEncoder())]) ?? 0
        }
    }

    /// When the buyer data of an order was asked of Amazon, or nil if never.
    public func buyerDataAskedAt(channel: ChannelName, amazonOrderId: String) throws(StoreError) -> Date? {
        try read { db in
            try Int64.fetchOne(
                db.cachedStatement(sql: """
                    SELECT r.asked_at FROM order_buyer_request r JOIN sales_order o ON o.id = r.sales_order
                    WHERE o.channel = ? AND o.amazon_order_id = ?
                    """),
                arguments: [channel.rawValue, amazonOrderId]
            ).map(AppDatabase.date)
        }
    }
}
