import Foundation
import GRDB
import Inventory
import InventoryStore

/// Order ingest into the store alone: `upsertOrders` per page of 100 decoded orders, against plain prepared SQLite
/// inserts of the same rows in one transaction per page, both into fresh databases in the same run.
enum StoreIngest {
    static let pageSize = 100
    static let orderCount = 6_000
    static let skuCount = 300
    static let channel = try! ChannelName("amazon-us")

    /// 60 pages of 100 MFN orders as the Orders mapping produces them: 2 lines each (SKUs drawn from 300 listings),
    /// 70% shipped / 30% unshipped (all admitted under confirmedAndFulfilled), buyer and recipient data on each when
    /// `withBuyer`, 3,000 distinct buyers so contacts repeat. Generated in memory; nothing here is timed.
    static func pages(withBuyer: Bool, count: Int = orderCount) -> [[IncomingOrder]] {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let price = try! Money(amount: "19.99", currency: "USD")
        var orders: [IncomingOrder] = []
        orders.reserveCapacity(count)
        for n in 0..<count {
            let id = String(format: "113-%07d-%07d", n, (n * 7919) % 10_000_000)
            let purchased = start.addingTimeInterval(Double(n) * 60)
            let lines = (0..<2).map { k in
                let sku = String(format: "SKU-%04d", (n * 2 + k * 151) % skuCount)
                return IncomingOrderLine(
                    lineId: String(format: "%014d", n * 2 + k), sku: sku, asin: "B0" + sku.suffix(4) + "XYZW",
                    title: "Product \(sku)", quantity: 1 + (n + k) % 3, quantityShipped: 0, unitPrice: price)
            }
            let buyerNumber = n % 3_000
            let buyer = withBuyer
                ? BuyerPII(
                    buyerName: "Buyer \(buyerNumber)", buyerEmail: "buyer\(buyerNumber)@marketplace.amazon.com",
                    buyerPhone: "+1 555 010 \(buyerNumber)", recipientName: "Recipient \(buyerNumber)",
                    addressLines: ["\(buyerNumber) Main Street", "Apt \(n % 40)"], city: "Seattle", stateOrRegion: "WA",
                    postalCode: "98101", countryCode: "US")
                : nil
            orders.append(IncomingOrder(
                amazonOrderId: id, status: n % 10 < 7 ? .shipped : .unshipped, fulfillmentChannel: .mfn,
                purchasedAt: purchased, lastUpdatedAt: purchased.addingTimeInterval(3600), lines: lines, buyer: buyer))
        }
        return stride(from: 0, to: orders.count, by: pageSize).map { Array(orders[$0..<min($0 + pageSize, orders.count)]) }
    }

    /// Seconds spent inside `upsertOrders` for every page, into a fresh database with a running sync task (the
    /// order sync's call, records and cursor included). With `untimed` > 0 the first `untimed` pages are written
    /// first and not counted: the time is that of the later pages, into a store that already holds those orders.
    static func runStore(pages: [[IncomingOrder]], untimed: Int = 0) throws -> Double {
        let directory = try temporaryDirectory("bench-store-ingest")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try AppDatabase.open(path: directory + "/store.sqlite", vaultKey: try VaultKey(bytes: (0..<32).map { UInt8($0) }))
        defer { database.close() }
        try database.setPrimaryWarehouse(name: "Main")
        try database.setOrderSyncMode(.confirmedAndFulfilled)
        try database.registerChannels([Channel(name: channel, marketplace: .us, sellerId: "A2SANDBOXSELLER")])
        let task = try database.startTask(channel: channel, module: .orders, trigger: .initial, now: Date())
        let clock = ContinuousClock()
        var total = Duration.zero
        for (index, page) in pages.enumerated() {
            let started = clock.now
            let results = try database.upsertOrders(channel: channel, orders: page, cursor: page.last?.lastUpdatedAt, task: task)
            if index >= untimed { total += started.duration(to: clock.now) }
            guard results.count == page.count else { throw BenchmarkFailure("upsertOrders returned \(results.count) results for \(page.count) orders") }
        }
        let expected = pages.reduce(0) { $0 + $1.count }
        let stored = try database.orders(channel: channel, limit: 1_000_000).count
        guard stored == expected else { throw BenchmarkFailure("store holds \(stored) orders, expected \(expected)") }
        return seconds(total)
    }

    /// The plain schema the baseline writes: the same tables' essentials, the same unique keys and ledger index.
    static let plainSchema = """
        CREATE TABLE item (id INTEGER PRIMARY KEY, sku TEXT NOT NULL UNIQUE);
        CREATE TABLE pii_vault (id INTEGER PRIMARY KEY, sealed BLOB NOT NULL, created_at INTEGER NOT NULL);
        CREATE TABLE sales_order (id INTEGER PRIMARY KEY, channel TEXT NOT NULL, amazon_order_id TEXT NOT NULL,
            status TEXT NOT NULL, purchased_at INTEGER NOT NULL, last_updated_at INTEGER NOT NULL,
            vault INTEGER REFERENCES pii_vault(id), UNIQUE (channel, amazon_order_id));
        CREATE TABLE sales_order_line (id INTEGER PRIMARY KEY, sales_order INTEGER NOT NULL REFERENCES sales_order(id),
            line_id TEXT NOT NULL, sku TEXT NOT NULL, item INTEGER REFERENCES item(id), quantity INTEGER NOT NULL,
            unit_price TEXT, currency TEXT, UNIQUE (sales_order, line_id));
        CREATE TABLE stock_movement (id INTEGER PRIMARY KEY, item INTEGER NOT NULL REFERENCES item(id), delta INTEGER NOT NULL,
            order_line INTEGER REFERENCES sales_order_line(id), at INTEGER NOT NULL);
        CREATE INDEX stock_movement_by_line ON stock_movement(order_line);
        CREATE TABLE task_record (task INTEGER NOT NULL, record_id TEXT NOT NULL, outcome TEXT NOT NULL,
            UNIQUE (task, record_id));
        """

    /// What differs between the two baselines: the file's schema and the text and arguments of their five prepared
    /// inserts. The frame (`runPlainInserts`) is one: the same pages, rows, transactions and clock.
    struct PlainInserts {
        var vault: String, order: String, line: String, movement: String, record: String
        var vaultArguments: (_ order: IncomingOrder) -> StatementArguments
        var orderArguments: (_ order: IncomingOrder, _ vault: Int64) -> StatementArguments
        var lineArguments: (_ order: Int64, _ line: IncomingOrderLine, _ item: Int64?) -> StatementArguments
        var movementArguments: (_ order: IncomingOrder, _ line: IncomingOrderLine, _ lineId: Int64, _ item: Int64) -> StatementArguments
        var recordArguments: (_ order: IncomingOrder) -> StatementArguments
    }

    /// A sealed buyer blob is ~300 bytes (nonce, JSON, tag); the baselines store one of that size, unsealed.
    static let blob = Data((0..<300).map { UInt8($0 & 0xff) })

    /// Seconds spent writing, for each order, one blob, the order, its lines with their stock movements and a task
    /// record with `inserts`' prepared statements, one transaction per page, into the file at `path` (already set
    /// up: schema, items) opened with the product's settings (foreign keys, WAL, synchronous NORMAL).
    static func runPlainInserts(path: String, pages: [[IncomingOrder]], _ inserts: PlainInserts) throws -> Double {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        let pool = try DatabasePool(path: path, configuration: configuration)
        defer { try? pool.close() }
        let items = try pool.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT sku, id FROM item").map { ($0[0] as String, $0[1] as Int64) })
        }
        let clock = ContinuousClock()
        var total = Duration.zero
        for page in pages {
            let started = clock.now
            try pool.write { db in
                let insertVault = try db.cachedStatement(sql: inserts.vault)
                let insertOrder = try db.cachedStatement(sql: inserts.order)
                let insertLine = try db.cachedStatement(sql: inserts.line)
                let insertMovement = try db.cachedStatement(sql: inserts.movement)
                let insertRecord = try db.cachedStatement(sql: inserts.record)
                for o in page {
                    try insertVault.execute(arguments: inserts.vaultArguments(o))
                    try insertOrder.execute(arguments: inserts.orderArguments(o, db.lastInsertedRowID))
                    let order = db.lastInsertedRowID
                    for line in o.lines {
                        let item = items[line.sku]
                        try insertLine.execute(arguments: inserts.lineArguments(order, line, item))
                        if let item { try insertMovement.execute(arguments: inserts.movementArguments(o, line, db.lastInsertedRowID, item)) }
                    }
                    try insertRecord.execute(arguments: inserts.recordArguments(o))
                }
            }
            total += started.duration(to: clock.now)
        }
        return seconds(total)
    }

    static func ms(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970 * 1000) }

    /// Seconds spent writing the same rows (order, 2 lines, 2 stock movements, one sealed-size blob, one task
    /// record per order) into `plainSchema` with prepared statements, one transaction per page.
    static func runBaseline(pages: [[IncomingOrder]]) throws -> Double {
        let directory = try temporaryDirectory("bench-store-baseline")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/plain.sqlite"
        do {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            try queue.write { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: plainSchema)
                for n in 0..<skuCount { try db.execute(sql: "INSERT INTO item (sku) VALUES (?)", arguments: [String(format: "SKU-%04d", n)]) }
            }
        }
        let now = ms(Date())
        return try runPlainInserts(path: path, pages: pages, PlainInserts(
            vault: "INSERT INTO pii_vault (sealed, created_at) VALUES (?, ?)",
            order: """
                INSERT INTO sales_order (channel, amazon_order_id, status, purchased_at, last_updated_at, vault)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            line: """
                INSERT INTO sales_order_line (sales_order, line_id, sku, item, quantity, unit_price, currency)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            movement: "INSERT INTO stock_movement (item, delta, order_line, at) VALUES (?, ?, ?, ?)",
            record: "INSERT INTO task_record (task, record_id, outcome) VALUES (1, ?, 'synced')",
            vaultArguments: { _ in [blob, now] },
            orderArguments: { o, vault in
                [channel.rawValue, o.amazonOrderId, o.status.rawValue, ms(o.purchasedAt), ms(o.lastUpdatedAt), vault]
            },
            lineArguments: { order, line, item in
                [order, line.lineId, line.sku, item, line.quantity, line.unitPrice?.amount, line.unitPrice?.currency]
            },
            movementArguments: { _, line, lineId, item in [item, -line.quantity, lineId, now] },
            recordArguments: { o in [o.amazonOrderId] }))
    }

    /// Seconds spent writing the baseline's rows into the product's own tables (a migrated AppDatabase file: its
    /// columns, CHECKs, indexes, foreign keys and triggers) with the same plain prepared inserts: what the schema
    /// costs by itself, so the gap between the baseline and `upsertOrders` splits into schema and code.
    static func runSchemaBaseline(pages: [[IncomingOrder]]) throws -> Double {
        let directory = try temporaryDirectory("bench-store-schema-baseline")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/store.sqlite"
        let now = ms(Date())
        let task: Int64
        do {
            let database = try AppDatabase.open(path: path, vaultKey: try VaultKey(bytes: (0..<32).map { UInt8($0) }))
            defer { database.close() }
            try database.setPrimaryWarehouse(name: "Main")
            try database.registerChannels([Channel(name: channel, marketplace: .us, sellerId: "A2SANDBOXSELLER")])
            task = try database.startTask(channel: channel, module: .orders, trigger: .initial, now: Date())
        }
        let warehouse: Int64
        do {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            warehouse = try queue.write { db in
                for n in 0..<skuCount {
                    try db.execute(sql: "INSERT INTO item (sku, name, confirmed, created_at) VALUES (?, ?, 1, ?)",
                                   arguments: [String(format: "SKU-%04d", n), "Product", now])
                }
                return try Int64.fetchOne(db, sql: "SELECT id FROM warehouse WHERE is_primary = 1")!
            }
        }
        func fulfilled(_ o: IncomingOrder) -> Int64? { o.status == .shipped ? ms(o.lastUpdatedAt) : nil }
        return try runPlainInserts(path: path, pages: pages, PlainInserts(
            vault: "INSERT INTO pii_vault (sealed, purge_after, created_at) VALUES (?, ?, ?)",
            order: """
                INSERT INTO sales_order (channel, amazon_order_id, status, fulfillment_channel, customer_name,
                    force_fulfilled, warehouse, purchased_at, last_updated_at, fulfilled_at, comments,
                    pii_state, vault, contact, created_at, updated_at)
                VALUES (?, ?, ?, 'MFN', 'Amazon.com', 0, ?, ?, ?, ?, 'Paid', 'present', ?, NULL, ?, ?)
                """,
            line: """
                INSERT INTO sales_order_line (sales_order, line_id, sku, asin, item, quantity, quantity_shipped,
                    unit_price, currency)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            movement: """
                INSERT INTO stock_movement (item, warehouse, delta, kind, order_line, reference, at)
                VALUES (?, ?, ?, 'order', ?, ?, ?)
                """,
            record: "INSERT INTO task_record (task, record_id, kind, outcome) VALUES (?, ?, 'order', 'synced')",
            vaultArguments: { o in [blob, fulfilled(o).map { $0 + 30 * 86_400_000 }, now] },
            orderArguments: { o, vault in
                [channel.rawValue, o.amazonOrderId, o.status.rawValue, warehouse, ms(o.purchasedAt), ms(o.lastUpdatedAt),
                 fulfilled(o), vault, now, now]
            },
            lineArguments: { order, line, item in
                [order, line.lineId, line.sku, line.asin, item, line.quantity, line.quantityShipped,
                 line.unitPrice?.amount, line.unitPrice?.currency]
            },
            movementArguments: { o, line, lineId, item in
                [item, warehouse, -line.quantity, lineId, "\(channel.rawValue)/\(o.amazonOrderId)/\(line.lineId)", now]
            },
            recordArguments: { o in [task, o.amazonOrderId] }))
    }

    /// The store ingest rows of the benchmark table: both baselines, upsertOrders with and without buyer data.
    /// `INVSYNC_BENCH_INGEST_PART=store` (or `baseline`, `schema`) runs that one part once with buyer data and records
    /// nothing else, for a profiler such as callgrind (`--toggle-collect` on its run function).
    static func record(into runner: inout BenchmarkRunner) throws {
        if let path = ProcessInfo.processInfo.environment["INVSYNC_BENCH_MIGRATE"] {
            // One-off: the time AppDatabase.open takes to migrate an existing database file (e.g. a copy of
            // StoreStartup's 600,000-order one made before a new migration).
            let started = ContinuousClock.now
            let database = try AppDatabase.open(path: path)
            print("AppDatabase.open with migrations: \(started.duration(to: .now))")
            database.close()
            return
        }
        let buyerPages = pages(withBuyer: true)
        switch ProcessInfo.processInfo.environment["INVSYNC_BENCH_INGEST_PART"] {
        case "store":
            let s = try runStore(pages: buyerPages)
            print("upsertOrders: \(Double(orderCount) / s) orders/s (one run, for a profiler)")
            return
        case "baseline":
            let s = try runBaseline(pages: buyerPages)
            print("baseline: \(Double(orderCount) / s) orders/s (one run, for a profiler)")
            return
        case "schema":
            let s = try runSchemaBaseline(pages: buyerPages)
            print("baseline on the product's schema: \(Double(orderCount) / s) orders/s (one run, for a profiler)")
            return
        default: break
        }
        let plainPages = pages(withBuyer: false)
        var baseline: [Double] = [], schemaBaseline: [Double] = [], store: [Double] = [], storeNoPII: [Double] = []
        // Five runs (each part takes about a second): this machine's speed drifts by up to 2× within a minute, and
        // the ratio is taken per run. The parts run in reverse order every other run, so a drift favours neither.
        for run in 0..<5 {
            var parts: [() throws -> Void] = [
                { baseline.append(Double(orderCount) / (try runBaseline(pages: buyerPages))) },
                { schemaBaseline.append(Double(orderCount) / (try runSchemaBaseline(pages: buyerPages))) },
                { store.append(Double(orderCount) / (try runStore(pages: buyerPages))) },
                { storeNoPII.append(Double(orderCount) / (try runStore(pages: plainPages))) },
            ]
            if run % 2 == 1 { parts.reverse() }
            for part in parts { try part() }
        }
        runner.record("store ingest: baseline, plain prepared inserts", unit: "orders/s",
                      note: "same rows (order, 2 lines, 2 movements, 300-byte blob, task record), 1 transaction per page of 100, WAL; SQLite set up as the store sets it (no memory statistics), in every part of this block", samples: baseline)
        runner.record("store ingest: baseline on the product's schema", unit: "orders/s",
                      note: "reference: the same rows and plain prepared inserts into a migrated AppDatabase file (its columns, CHECKs, indexes, foreign keys, triggers): the schema's own cost",
                      samples: schemaBaseline)
        let baselineMedian = baseline.sorted()[baseline.count / 2]
        runner.record("store ingest: upsertOrders, pages of 100", unit: "orders/s", target: "≥ 20,000 and ≥ ½ baseline",
                      meets: { $0 >= 20_000 && $0 >= baselineMedian / 2 },
                      note: "\(orderCount) decoded MFN orders, 2 lines, buyer PII sealed (AES-GCM, on a second thread while the page is written), contact, stock, outbox, records, cursor",
                      samples: store)
        runner.record("store ingest: upsertOrders ÷ baseline", unit: "ratio", target: "≥ 0.5", meets: { $0 >= 0.5 },
                      note: "per run (5 runs, the parts in reverse order every other run)", samples: zip(store, baseline).map { $0 / $1 })
        runner.record("store ingest: upsertOrders ÷ baseline on the product's schema", unit: "ratio",
                      note: "reference, per run: the code's own share of the gap", samples: zip(store, schemaBaseline).map { $0 / $1 })
        runner.record("store ingest: upsertOrders, orders without buyer data", unit: "orders/s",
                      note: "same orders, no PII: the difference is the cost of sealing, vault and contact rows", samples: storeNoPII)
        // The same pages into a store that already holds 54,000 orders: an index written at a random place by each
        // order line costs up to one log page per line once it outgrows a page's rows, so a store that slows as it
        // grows shows here and not in the 6,000-order runs above.
        let largePages = pages(withBuyer: true, count: 60_000)
        let untimed = largePages.count - orderCount / pageSize
        let large = try (0..<3).map { _ in Double(orderCount) / (try runStore(pages: largePages, untimed: untimed)) }
        runner.record("store ingest: upsertOrders, the last 6,000 of 60,000 orders", unit: "orders/s",
                      note: "reference: the pages above after 54,000 orders were written to the same store (not timed); its ratio to the fresh store's median shows whether ingest slows as the store grows",
                      samples: large)
        let storeMedian = store.sorted()[store.count / 2]
        runner.record("store ingest: the last 6,000 of 60,000 ÷ upsertOrders into a fresh store", unit: "ratio",
                      note: "reference: each run above over the median of the 6,000-order runs", samples: large.map { $0 / storeMedian })
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func temporaryDirectory(_ prefix: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
