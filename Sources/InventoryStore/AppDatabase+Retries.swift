import Foundation
import GRDB
import Inventory

extension AppDatabase {
    /// Puts a failed record into the persistent retry queue (R11), or updates the entry it already has.
    public func enqueueRetry(
        channel: ChannelName, module: SyncModule, kind: String, recordId: String, attempts: Int, nextAttemptAt: Date,
        error: String, task: Int64?, now: Date
    ) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO retry (channel, module, kind, record_id, attempts, next_attempt_at, last_error, task, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(channel, kind, record_id) DO UPDATE SET attempts = excluded.attempts,
                        next_attempt_at = excluded.next_attempt_at, last_error = excluded.last_error, task = excluded.task
                    """,
                arguments: [
                    channel.rawValue, module.rawValue, kind, recordId, attempts, nextAttemptAt.milliseconds, error, task,
                    now.milliseconds,
                ])
        }
    }

    /// Entries whose next attempt is due, soonest first.
    public func dueRetries(now: Date, limit: Int) throws(StoreError) -> [RetryEntry] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM retry WHERE next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?",
                arguments: [now.milliseconds, limit]
            ).compactMap(Self.retry)
        }
    }

    /// The queue, optionally of one channel, soonest first.
    public func retries(channel: ChannelName? = nil) throws(StoreError) -> [RetryEntry] {
        try read { db in
            if let channel {
                return try Row.fetchAll(
                    db, sql: "SELECT * FROM retry WHERE channel = ? ORDER BY next_attempt_at", arguments: [channel.rawValue]
                ).compactMap(Self.retry)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM retry ORDER BY next_attempt_at").compactMap(Self.retry)
        }
    }

    public func pendingRetryCount(channel: ChannelName) throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM retry WHERE channel = ?", arguments: [channel.rawValue]) ?? 0 }
    }

    public func removeRetry(id: Int64) throws(StoreError) {
        try write { db in try db.execute(sql: "DELETE FROM retry WHERE id = ?", arguments: [id]) }
    }

    private static func retry(_ row: Row) -> RetryEntry? {
        guard let channel = ChannelName(rawValue: row["channel"]), let module = SyncModule(rawValue: row["module"]) else { return nil }
        return RetryEntry(
            id: row["id"], channel: channel, module: module, kind: row["kind"], recordId: row["record_id"],
            attempts: row["attempts"], nextAttemptAt: Date(milliseconds: row["next_attempt_at"]), lastError: row["last_error"])
    }
}
