import Foundation
import GRDB
import Inventory

/// The daemon's one database: a GRDB `DatabasePool` in WAL mode, migrated at open; every write is one
/// named method and one transaction.
public final class AppDatabase: Sendable {
    let pool: DatabasePool

    private init(pool: DatabasePool) {
        self.pool = pool
    }

    /// Opens (creating if needed) and migrates the database at `path`. The parent directory must exist.
    public static func open(path: String) throws(StoreError) -> AppDatabase {
        var configuration = GRDB.Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.label = "invsyncd"
        configuration.prepareDatabase { db in
            // WAL + NORMAL: durable across process crashes (kill -9); a power loss may lose the last commits only.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let parent = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent.isEmpty ? "." : parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .cannotOpen(path: path, reason: "the directory \(parent) does not exist")
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            try Migrations.migrator().migrate(pool)
            return AppDatabase(pool: pool)
        } catch {
            let mapped = StoreError.from(error)
            if mapped == .diskFull { throw mapped }
            throw .cannotOpen(path: path, reason: "\((error as? DatabaseError)?.message ?? "\(error)")")
        }
    }

    /// Runs one write transaction, mapping errors to `StoreError`.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write(body)
        } catch {
            throw StoreError.from(error)
        }
    }

    /// Runs one read, mapping errors to `StoreError`.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError.from(error)
        }
    }

    /// Whether the database answers a trivial read: the watchdog's probe.
    public func healthCheck() async -> Bool {
        do {
            return try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") } == 1
        } catch {
            return false
        }
    }

    /// The journal mode in force (for checks: `wal`).
    public func journalMode() throws(StoreError) -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Closes the pool; later calls fail.
    public func close() {
        try? pool.close()
    }
}

extension Date {
    var milliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
    init(milliseconds: Int64) { self.init(timeIntervalSince1970: Double(milliseconds) / 1000) }
}
