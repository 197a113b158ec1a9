import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// Keeps the write-ahead log short without making the writer copy it.
///
/// SQLite's automatic checkpoint runs inside the commit that takes the log past 1,000 pages: the writer copies the
/// log into the database file and syncs it before the commit returns. In the order ingest that was about 15 % of the
/// writer's wall time (issue 6: 21,200 orders/s with it, 24,600 without, in the same run), time the next page waited
/// for. This replaces it (`sqlite3_wal_hook` takes the place of the automatic checkpoint's hook) on the store's
/// connections:
/// - a commit that leaves the log at `backgroundFrames` or more asks for a PASSIVE checkpoint on a connection of its
///   own, on a background queue: it takes no write lock and waits for nobody, so the writer goes on meanwhile. At most
///   one is queued at a time.
/// - a commit that leaves the log at `inlineFrames` or more (the background checkpoint fell behind, failed or could not
///   run) checkpoints inline as SQLite's automatic checkpoint did, so the log stays bounded whatever happens to the
///   background queue.
/// A reader's snapshot holds frames back from either, as before. Checkpoints are SQLite's own, so a crash at any
/// moment leaves the database as consistent as before.
final class LogCheckpointer: Sendable {
    /// The log length (frames, one page each) at which a commit asks for a background checkpoint: SQLite's own
    /// automatic checkpoint threshold.
    static let backgroundFrames: Int32 = 1_000
    /// The log length at which the committing writer checkpoints inline: 16 MiB of log with 4 KiB pages.
    static let inlineFrames: Int32 = 4_000

    private let path: String
    private let gate: ConnectionGate
    /// The connection checkpoints run on, opened at the first one: never the writer, so a checkpoint holds no writer
    /// back.
    private let connection = Mutex<DatabaseQueue?>(nil)
    private let scheduled = Atomic<Bool>(false)
    private let queue = DispatchQueue(label: "invsyncd.store.checkpoint", qos: .utility)
    /// Checkpoints done on the background queue and by the writer inline, since the store opened (tests read them).
    let backgroundCheckpoints = Atomic<Int>(0)
    let inlineCheckpoints = Atomic<Int>(0)

    init(path: String, gate: ConnectionGate) {
        self.path = path
        self.gate = gate
    }

    /// Replaces SQLite's automatic checkpoint on `db` (a connection of the store's pool: only the writer commits).
    /// The store keeps this object for as long as its pool: the hook's context pointer is not retained.
    func install(on db: Database) {
        sqlite3_wal_hook(db.sqliteConnection, logCommitted, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Copies the committed pages of the log into the database file (PASSIVE) on the checkpoint connection. Returns
    /// the frames still in the log after it (a reader's snapshot can hold some back), or nil when another checkpoint
    /// was running (nothing to do then: that one copies the log). Throws `closed` once the store is closed.
    func checkpoint() throws(StoreError) -> Int? {
        try gate.whileOpen {
            do {
                let connection = try connection.withLock { (queue: inout DatabaseQueue?) throws -> DatabaseQueue in
                    if let queue { return queue }
                    let opened = try DatabaseQueue(path: path)
                    queue = opened
                    return opened
                }
                return try connection.writeWithoutTransaction { db in
                    let (logged, copied) = try db.checkpoint(.passive)
                    return max(0, logged - copied)
                }
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                return nil
            }
        }
    }

    /// Closes the checkpoint connection. The store calls it once its gate is shut, so no checkpoint is under way and
    /// a queued one finds the store closed.
    func close() {
        connection.withLock { queue in
            try? queue?.close()
            queue = nil
        }
    }

    /// Holds the background queue (tests: the writer's inline fallback) until `resumeBackground`.
    func suspendBackground() { queue.suspend() }
    func resumeBackground() { queue.resume() }
    /// Returns once the background checkpoints asked for so far have run (tests).
    func drainBackground() { queue.sync {} }

    /// The hook: runs on the writer's thread after each commit, with the write lock already released.
    fileprivate func committed(_ db: OpaquePointer?, _ name: UnsafePointer<CChar>?, frames: Int32) -> Int32 {
        if frames >= Self.inlineFrames {
            if sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nil, nil) == SQLITE_OK {
                inlineCheckpoints.add(1, ordering: .relaxed)
            }
        } else if frames >= Self.backgroundFrames, !scheduled.exchange(true, ordering: .acquiringAndReleasing) {
            queue.async { [self] in
                scheduled.store(false, ordering: .releasing)
                // A failure is left to the next commit: it asks again, and past `inlineFrames` the writer copies the
                // log itself, so an error here (the disk is full, the store is closing) costs nothing but a longer log.
                if (try? checkpoint()) != nil { backgroundCheckpoints.add(1, ordering: .relaxed) }
            }
        }
        return SQLITE_OK
    }
}

private func logCommitted(
    _ context: UnsafeMutableRawPointer?, _ db: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ frames: Int32
) -> Int32 {
    guard let context else { return SQLITE_OK }
    return Unmanaged<LogCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(db, name, frames: frames)
}
