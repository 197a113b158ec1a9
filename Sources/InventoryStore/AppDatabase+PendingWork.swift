import Foundation
import GRDB
import Inventory

extension AppDatabase {
    /// Stock pushes that failed at least once and wait in the outbox for their backoff, oldest due first.
    public func failedStockPushes(channel: ChannelName? = nil) throws(StoreError) -> [StockPushFailure] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT channel, sku, attempts, next_attempt_at, last_error FROM stock_outbox
                    WHERE attempts > 0 AND (?1 IS NULL OR channel = ?1) ORDER BY next_attempt_at, channel, sku
                    """,
                arguments: [channel?.rawValue]
            ).map { r in
                StockPushFailure(
                    channel: try ChannelName(r[0] as String), sku: r[1], attempts: r[2],
                    nextAttemptAt: AppDatabase.date(r[3] as Int64?), lastError: r[4])
            }
        }
    }

    /// Everything of a channel waiting for another attempt: retry-queue records (R11), shipment confirmations not yet
    /// accepted by Amazon (R21) and stock pushes that failed (R16) — what GetStatus counts as pending retries.
    /// GetStatus runs it for every channel on every call, so its cost must follow the pending work, never the orders.
    public func pendingWorkCount(channel: ChannelName) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db.cachedStatement(sql: AppDatabase.pendingWorkSQL), arguments: [channel.rawValue]) ?? 0
        }
    }

    /// The count behind `pendingWorkCount`. CROSS JOIN fixes the join order: pending shipments first (their partial
    /// index), then each one's order by primary key. With a plain JOIN SQLite chose to walk every order of the
    /// channel and look for its shipments: 4 ms per channel at 9,000 orders, on every GetStatus (issue 6).
    static let pendingWorkSQL = "SELECT " + pendingWork(channel: "?1")

    /// The pending-work count of the channel `channel` (an SQL expression: a parameter, or a column of an outer query).
    static func pendingWork(channel: String) -> String {
        """
        (SELECT count(*) FROM retry r WHERE r.channel = \(channel))
             + (SELECT count(*) FROM shipment sh CROSS JOIN sales_order o ON o.id = sh.sales_order
                WHERE sh.confirmation = 'pending' AND o.channel = \(channel))
             + (SELECT count(*) FROM stock_outbox b WHERE b.channel = \(channel) AND b.attempts > 0)
        """
    }
}
