import Foundation
import GRDB
import Glibc
import Inventory
import InventoryStore

/// Start-up: exec of the release `invsyncd` until its READY=1 datagram arrives on a real NOTIFY_SOCKET, with a
/// database of at least 1 GiB.
///
/// The database is built once and cached under the temporary directory (`invsync-bench-startup-1g/`): the schema
/// by `AppDatabase.open`, then bulk SQL of 600,000 shipped MFN orders (each with a 300-byte vault blob, 2 lines
/// and 2 stock movements, 1,000 items and listings) and recent (unexpired) sync history, 10,000 tasks × 100
/// records at a time, until the file reaches 1 GiB. The cache is rebuilt when older than 7 days so the reaper,
/// which runs at start-up, finds nothing expired in it.
enum StoreStartup {
    static let targetBytes: Int64 = 1 << 30
    static let orders = 600_000

    static var directory: String { FileManager.default.temporaryDirectory.appendingPathComponent("invsync-bench-startup-1g").path }
    static var databasePath: String { directory + "/state/invsyncd.sqlite" }
    static var marker: String { directory + "/complete" }

    /// The cached database's size in bytes, building it first when missing or stale.
    static func prepare() throws -> Int64 {
        let fm = FileManager.default
        if let attributes = try? fm.attributesOfItem(atPath: marker), let built = attributes[.modificationDate] as? Date,
            Date().timeIntervalSince(built) < 7 * 86_400, fm.fileExists(atPath: databasePath)
        {
            return (try fm.attributesOfItem(atPath: databasePath)[.size] as? Int64) ?? 0
        }
        try? fm.removeItem(atPath: directory)
        try fm.createDirectory(atPath: directory + "/state", withIntermediateDirectories: true)
        let database = try AppDatabase.open(path: databasePath)
        try database.setPrimaryWarehouse(name: "Main")
        try database.registerChannels([Channel(name: try ChannelName("amazon-us"), marketplace: .us, sellerId: "A2TESTSELLER")])
        database.close()
        let queue = try DatabaseQueue(path: databasePath)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let day: Int64 = 86_400_000
        try queue.write { db in
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
                INSERT INTO item (id, sku, name, confirmed, fulfillment, created_at)
                SELECT i, printf('SKU-%05d', i), 'Product ' || i, 1, 'mfn', ?1 FROM n
                """, arguments: [now])
            try db.execute(sql: """
                INSERT INTO listing (channel, sku, asin, fulfillment, item, confirmed, updated_at)
                SELECT 'amazon-us', sku, 'B0' || printf('%08d', id), 'mfn', id, 1, ?1 FROM item
                """, arguments: [now])
        }
        let warehouse = try queue.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM warehouse WHERE name = 'Main'") ?? 1 }
        for chunk in stride(from: 0, to: orders, by: 100_000) {
            try queue.write { db in
                let args: StatementArguments = [chunk, chunk + 100_000, now, day, warehouse]
                try db.execute(sql: """
                    WITH RECURSIVE n(i) AS (SELECT ?1 + 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
                    INSERT INTO pii_vault (id, sealed, purge_after, created_at) SELECT i, randomblob(300), ?3 + 365 * ?4, ?3 FROM n
                    """, arguments: [chunk, chunk + 100_000, now, day])
                try db.execute(sql: """
                    WITH RECURSIVE n(i) AS (SELECT ?1 + 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
                    INSERT INTO sales_order (id, channel, amazon_order_id, status, fulfillment_channel, customer_name,
                        force_fulfilled, warehouse, purchased_at, last_updated_at, fulfilled_at, comments, pii_state, vault,
                        created_at, updated_at)
                    SELECT i, 'amazon-us', printf('113-%07d-%07d', i, (i * 7919) % 10000000), 'shipped', 'MFN',
                        'Amazon.com customer', 0, ?5, ?3 - (i % 365) * ?4, ?3 - (i % 365) * ?4 + 3600000,
                        ?3 - (i % 365) * ?4 + 7200000, 'Paid', 'present', i, ?3, ?3
                    FROM n
                    """, arguments: args)
                try db.execute(sql: """
                    WITH RECURSIVE n(i) AS (SELECT ?1 + 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
                    INSERT INTO sales_order_line (id, sales_order, line_id, sku, asin, item, quantity, quantity_shipped,
                        unit_price, currency)
                    SELECT i * 2 + k, i, printf('%014d', i * 2 + k), printf('SKU-%05d', (i * 2 + k) % 1000 + 1), NULL,
                        (i * 2 + k) % 1000 + 1, 1, 1, '19.99', 'USD'
                    FROM n, (SELECT 0 AS k UNION ALL SELECT 1)
                    """, arguments: [chunk, chunk + 100_000])
                try db.execute(sql: """
                    INSERT INTO stock_movement (item, warehouse, delta, kind, order_line, reference, at)
                    SELECT item, ?3, -quantity, 'order', id, 'amazon-us/' || sales_order || '/' || line_id, ?4
                    FROM sales_order_line WHERE sales_order > ?1 AND sales_order <= ?2
                    """, arguments: [chunk, chunk + 100_000, warehouse, now])
            }
        }
        // Recent history (ended a day ago, never expired by the start-up reaper) until the file holds 1 GiB.
        var nextTask: Int64 = 1
        while try size(queue) < targetBytes {
            try queue.write { db in
                try db.execute(sql: """
                    WITH RECURSIVE n(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1 + 9999)
                    INSERT INTO sync_task (id, channel, module, trigger, status, started_at, ended_at, synced, failed)
                    SELECT i, 'amazon-us', 'orders', 'scheduled', 'succeeded', ?2 - ?3 - 60000, ?2 - ?3, 100, 0 FROM n
                    """, arguments: [nextTask, now, day])
                try db.execute(sql: """
                    WITH RECURSIVE r(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM r WHERE j < 100)
                    INSERT INTO task_record (task, record_id, kind, outcome, reason)
                    SELECT t.id, printf('113-%07d-%07d', t.id, r.j), 'order', 'synced', NULL
                    FROM sync_task t, r WHERE t.id >= ?1 AND t.id < ?1 + 10000 ORDER BY t.id, r.j
                    """, arguments: [nextTask])
            }
            nextTask += 10_000
        }
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
        _ = fm.createFile(atPath: marker, contents: Data())
        return (try fm.attributesOfItem(atPath: databasePath)[.size] as? Int64) ?? 0
    }

    static func size(_ queue: DatabaseQueue) throws -> Int64 {
        try queue.read { db in
            (try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0) * (try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0)
        }
    }

    /// Milliseconds from exec to READY=1; the daemon is then stopped with SIGTERM and reaped.
    static func run(binDir: String) throws -> Double {
        let runDirectory = try StoreIngest.temporaryDirectory("bench-startup")
        defer { try? FileManager.default.removeItem(atPath: runDirectory) }
        try "client-secret".write(toFile: runDirectory + "/client-secret", atomically: true, encoding: .utf8)
        try "Atzr|refresh-token".write(toFile: runDirectory + "/refresh-token", atomically: true, encoding: .utf8)
        let config = runDirectory + "/invsyncd.toml"
        try """
            [daemon]
            state_directory = "\(directory)/state"
            control_socket = "\(runDirectory)/control.sock"
            log_level = "info"

            [organization]
            base_currency = "USD"
            taxes_enabled = true
            business_location = "US"
            primary_warehouse = "Main"

            [[channel]]
            name = "amazon-us"
            marketplace = "US"
            seller_id = "A2TESTSELLER"
            client_id = "amzn1.application-oa2-client.test"
            client_secret_file = "client-secret"
            refresh_token_file = "refresh-token"
            endpoint = "http://127.0.0.1:9"
            token_endpoint = "http://127.0.0.1:9/auth/o2/token"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let notify = try NotifySocket(path: runDirectory + "/notify.sock")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binDir).appendingPathComponent("invsyncd")
        process.arguments = ["--config", config]
        process.environment = ["PATH": "/usr/bin:/bin", "NOTIFY_SOCKET": notify.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let clock = ContinuousClock()
        let started = clock.now
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        let deadline = started + .seconds(30)
        while clock.now < deadline {
            if let message = notify.receive(), message.split(separator: "\n").contains("READY=1") {
                return StoreIngest.seconds(started.duration(to: clock.now)) * 1000
            }
            guard process.isRunning else { throw BenchmarkFailure("invsyncd exited with \(process.terminationStatus) before READY=1") }
        }
        throw BenchmarkFailure("no READY=1 from invsyncd within 30 s")
    }
}

/// A bound AF_UNIX datagram socket standing in for systemd's notify socket.
final class NotifySocket {
    let path: String
    private let fd: Int32

    init(path: String) throws {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw BenchmarkFailure("socket(AF_UNIX) failed: errno \(errno)") }
        // A short receive timeout so the caller can notice a daemon that died instead of blocking forever.
        var timeout = timeval(tv_sec: 0, tv_usec: 50_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            path.utf8CString.withUnsafeBytes { buffer.copyMemory(from: $0) }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw BenchmarkFailure("bind(\(path)) failed: errno \(errno)") }
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// One datagram, or nil after the receive timeout.
    func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = recv(fd, &buffer, buffer.count, 0)
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : nil
    }
}
