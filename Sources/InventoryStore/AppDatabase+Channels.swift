import Foundation
import GRDB
import Inventory

extension AppDatabase {
    /// Records the channels the configuration declares: new ones get default settings, known ones keep their
    /// runtime settings, and channels no longer declared become inactive (their data is kept).
    public func registerChannels(_ channels: [Channel], now: Date = Date()) throws(StoreError) {
        try write { db in
            let declared = Set(channels.map(\.name.rawValue))
            for channel in channels {
                try db.execute(
                    sql: """
                        INSERT INTO channel (name, marketplace, seller_id, declared, created_at) VALUES (?, ?, ?, 1, ?)
                        ON CONFLICT(name) DO UPDATE SET marketplace = excluded.marketplace,
                            seller_id = excluded.seller_id, declared = 1
                        """,
                    arguments: [channel.name.rawValue, channel.marketplace.code, channel.sellerId, now.milliseconds])
                try db.execute(
                    sql: "INSERT INTO channel_setting (channel) VALUES (?) ON CONFLICT(channel) DO NOTHING",
                    arguments: [channel.name.rawValue])
                // A channel that comes back into the configuration leaves the "not declared" state.
                try db.execute(
                    sql: "UPDATE channel_setting SET state = 'idle', inactive_reason = NULL WHERE channel = ? AND inactive_reason = ?",
                    arguments: [channel.name.rawValue, Self.undeclaredReason])
            }
            let known = try String.fetchAll(db, sql: "SELECT name FROM channel WHERE declared = 1")
            for name in known where !declared.contains(name) {
                try db.execute(sql: "UPDATE channel SET declared = 0 WHERE name = ?", arguments: [name])
                try db.execute(
                    sql: "UPDATE channel_setting SET state = 'inactive', inactive_reason = ? WHERE channel = ?",
                    arguments: [Self.undeclaredReason, name])
            }
        }
    }

    static let undeclaredReason = "not in the configuration file any more; declare it again with [[channel]] to reactivate it (its data is kept)"

    /// Every channel the configuration declares, by name, with its settings.
    public func channels() throws(StoreError) -> [(Channel, ChannelSettings)] {
        try read { db in
            try Row.fetchAll(db, sql: Self.channelQuery + " WHERE c.declared = 1 ORDER BY c.name").compactMap(Self.channel)
        }
    }

    /// One channel with its settings.
    public func channel(named name: ChannelName) throws(StoreError) -> (Channel, ChannelSettings) {
        let found = try read { db in
            try Row.fetchOne(db, sql: Self.channelQuery + " WHERE c.name = ?", arguments: [name.rawValue]).flatMap(Self.channel)
        }
        guard let found else { throw .noSuchChannel(name.rawValue) }
        return found
    }

    /// R4: disabled = inactive; enabling clears the reason.
    public func setEnabled(channel: ChannelName, _ enabled: Bool) throws(StoreError) {
        try updateSetting(channel, sql: "enabled = ?", [enabled])
    }

    /// R6.
    public func setSyncInterval(channel: ChannelName, _ interval: SyncInterval) throws(StoreError) {
        try updateSetting(channel, sql: "sync_interval_minutes = ?", [interval.minutes])
    }

    /// R16.
    public func setStockSync(channel: ChannelName, active: Bool) throws(StoreError) {
        try updateSetting(channel, sql: "stock_sync_active = ?", [active])
    }

    public func setChannelState(channel: ChannelName, state: ChannelState, reason: String?) throws(StoreError) {
        try updateSetting(channel, sql: "state = ?, inactive_reason = ?", [state.rawValue, reason])
    }

    public func recordSyncTimes(channel: ChannelName, last: Date?, next: Date?) throws(StoreError) {
        try updateSetting(channel, sql: "last_sync_at = ?, next_sync_at = ?", [last?.milliseconds, next?.milliseconds])
    }

    private func updateSetting(_ channel: ChannelName, sql: String, _ values: [(any DatabaseValueConvertible)?]) throws(StoreError) {
        let changed = try write { db in
            try db.execute(sql: "UPDATE channel_setting SET \(sql) WHERE channel = ?", arguments: StatementArguments(values + [channel.rawValue]))
            return db.changesCount
        }
        if changed == 0 { throw .noSuchChannel(channel.rawValue) }
    }

    private static let channelQuery = """
        SELECT c.name, c.marketplace, c.seller_id, s.enabled, s.sync_interval_minutes, s.stock_sync_active,
               s.fba_warehouse, s.mapped_warehouse, s.state, s.inactive_reason, s.last_sync_at, s.next_sync_at
        FROM channel c JOIN channel_setting s ON s.channel = c.name
        """

    private static func channel(_ row: Row) -> (Channel, ChannelSettings)? {
        guard let name = ChannelName(rawValue: row["name"]), let marketplace = Marketplace(code: row["marketplace"]),
            let interval = try? SyncInterval(minutes: row["sync_interval_minutes"]),
            let state = ChannelState(rawValue: row["state"])
        else { return nil }
        let settings = ChannelSettings(
            enabled: row["enabled"], syncInterval: interval, stockSyncActive: row["stock_sync_active"],
            fbaWarehouse: row["fba_warehouse"], mappedWarehouse: row["mapped_warehouse"],
            state: state, inactiveReason: row["inactive_reason"],
            lastSyncAt: (row["last_sync_at"] as Int64?).map(Date.init(milliseconds:)),
            nextSyncAt: (row["next_sync_at"] as Int64?).map(Date.init(milliseconds:)))
        return (Channel(name: name, marketplace: marketplace, sellerId: row["seller_id"]), settings)
    }
}
