import Foundation
import GRDB
import Inventory

extension AppDatabase {
    /// Every channel with its settings and its pending work (see `pendingWorkCount`), by name, in one read transaction
    /// and one cached statement: what GetStatus shows, read on every call while a large sync writes (issue 6).
    public func channelStatuses() throws(StoreError) -> [ChannelStatusRecord] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: AppDatabase.channelStatusSQL)).map { row in
                let (channel, settings) = try AppDatabase.decodeChannel(row)
                return ChannelStatusRecord(channel: channel, settings: settings, pendingWork: row[12])
            }
        }
    }

    /// `channelSelect` plus `pendingWorkSQL` as a 13th column, correlated on each channel: one statement instead of one
    /// per channel, with the same CROSS JOIN order (pending shipments first, then their orders by primary key).
    static let channelStatusSQL = """
        SELECT c.name, c.marketplace, c.seller_id, s.enabled, s.sync_interval_minutes, s.stock_sync_active,
               s.fba_warehouse, s.mapped_warehouse, s.state, s.inactive_reason, s.last_sync_at, s.next_sync_at,
               (SELECT count(*) FROM retry r WHERE r.channel = c.name)
             + (SELECT count(*) FROM shipment sh CROSS JOIN sales_order o ON o.id = sh.sales_order
                WHERE sh.confirmation = 'pending' AND o.channel = c.name)
             + (SELECT count(*) FROM stock_outbox b WHERE b.channel = c.name AND b.attempts > 0)
        FROM channel c JOIN channel_setting s ON s.channel = c.name
        ORDER BY c.name
        """

    /// Starts counting the commits that change what `channelStatuses` reads; the counter lives as long as it is held.
    /// Registered on the one writer connection, so a write has counted before it returns.
    public func observeChannelStatusChanges() throws(StoreError) -> ChannelStatusChanges {
        let changes = ChannelStatusChanges()
        try write { db in db.add(transactionObserver: changes, extent: .observerLifetime) }
        return changes
    }
}
