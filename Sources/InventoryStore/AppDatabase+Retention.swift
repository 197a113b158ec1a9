import Foundation
import GRDB
import Inventory

/// Counting reads for the retention reaper's dry run: what `deleteExpiredHistory` and `purgeExpiredPII` would remove.
extension AppDatabase {
    /// How many finished tasks are expired (R12): succeeded ended before `succeeded`, failed and partial
    /// ended before `failedBefore` — the same rule `deleteExpiredHistory` deletes by.
    public func countExpiredHistory(before succeeded: Date, failedBefore: Date) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT (SELECT COUNT(*) FROM sync_task WHERE status = 'succeeded' AND ended_at < ?1)
                         + (SELECT COUNT(*) FROM sync_task WHERE status IN ('failed','partial') AND ended_at < ?2)
                    """,
                arguments: [AppDatabase.ms(succeeded), AppDatabase.ms(failedBefore)]) ?? 0
        }
    }

    /// How many vault rows are due for purging at `now` (R31) — the same rule `purgeExpiredPII` purges by.
    public func countExpiredPII(now: Date) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pii_vault WHERE purge_after <= ?", arguments: [AppDatabase.ms(now)]) ?? 0
        }
    }
}
