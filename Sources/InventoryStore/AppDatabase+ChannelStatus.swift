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

    /// `channelSelect` plus the pending-work count as a 13th column, correlated on each channel: one statement instead
    /// of one per channel, with the same expression as `pendingWorkSQL` (and its CROSS JOIN order).
    static let channelStatusSQL =
        "SELECT \(channelColumns), \(pendingWork(channel: "c.name")) \(channelFrom) ORDER BY c.name"

    /// Starts counting the commits that change what `channelStatuses` reads; the counter lives as long as it is held.
    /// Registered on the one writer connection, so a write has counted before it returns.
    public func observeChannelStatusChanges() throws(StoreError) -> ChannelStatusChanges {
        let changes = ChannelStatusChanges()
        try write { db in db.add(transactionObserver: changes, extent: .observerLifetime) }
        return changes
    }
}
