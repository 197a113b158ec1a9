import Foundation
import GRDB
import Inventory
import Synchronization

/// The stock ledger (append-only movements), stock figures per warehouse, and the stock outbox (R16).
extension AppDatabase {
    /// Records a counted or corrected stock level as an adjustment movement (R26). `.newQuantity` is the
    /// counted on-hand quantity. Returns nil when the change is zero (nothing is recorded).
    @discardableResult
    public func adjustStock(
        sku: String, warehouse: String, change: StockChange, reason: String, now: Date = Date()
    ) throws(StoreError) -> StockMovement? {
        if case .newQuantity(let q) = change, q < 0 {
            throw .invalidQuantity("the new quantity \(q) is negative; give a quantity of 0 or more")
        }
        return try write { db in
            let item = try AppDatabase.itemId(db, sku: sku)
            let wh = try AppDatabase.warehouseId(db, name: warehouse)!
            let onHand = try AppDatabase.available(db, item: item, warehouse: wh)
                + AppDatabase.committed(db, item: item, warehouse: wh)
            let delta = change.delta(fromOnHand: onHand)
            guard delta != 0 else { return nil }
            return try AppDatabase.appendMovement(
                db, item: item, itemSku: sku, warehouse: wh, warehouseName: warehouse, delta: delta, kind: .adjustment,
                orderLine: nil, reference: nil, reason: reason, now: now)
        }
    }

    /// Appends a movement that is not an order's: initial stock, a transfer leg, or a shipment (issue 5).
    @discardableResult
    public func recordStockMovement(
        sku: String, warehouse: String, delta: Int, kind: StockMovementKind, reference: String?, reason: String?,
        now: Date = Date()
    ) throws(StoreError) -> StockMovement {
        guard delta != 0 else { throw .invalidQuantity("a stock movement of 0 records nothing") }
        guard kind != .order, kind != .cancellation else {
            throw .invalidQuantity("order and cancellation movements are written only by upsertOrders")
        }
        return try write { db in
            let item = try AppDatabase.itemId(db, sku: sku)
            let wh = try AppDatabase.warehouseId(db, name: warehouse)!
            return try AppDatabase.appendMovement(
                db, item: item, itemSku: sku, warehouse: wh, warehouseName: warehouse, delta: delta, kind: kind,
                orderLine: nil, reference: reference, reason: reason, now: now)
        }
    }

    static func itemId(_ db: Database, sku: String) throws -> Int64 {
        guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM item WHERE sku = ?"), arguments: [sku]) else {
            throw StoreError.noSuchItem(sku)
        }
        return id
    }

    static func appendMovement(
        _ db: Database, item: Int64, itemSku: String, warehouse: Int64, warehouseName: String, delta: Int,
        kind: StockMovementKind, orderLine: Int64?, reference: String?, reason: String?, now: Date
    ) throws -> StockMovement {
        try db.execute(
            sql: """
                INSERT INTO stock_movement (item, warehouse, delta, kind, order_line, reference, reason, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [item, warehouse, delta, kind.rawValue, orderLine, reference, reason, AppDatabase.ms(now)])
        let id = db.lastInsertedRowID
        try enqueuePush(db, items: [item], now: now)
        return StockMovement(
            id: id, itemSku: itemSku, warehouse: warehouseName, delta: delta, kind: kind, reference: reference, at: now,
            reason: reason)
    }

    /// The statements of the stock figures, named so a test can check how SQLite runs them: each reads a bounded
    /// part of the store, never the whole ledger or every order line.
    enum FigureSQL {
        /// An item's ledger sum in a warehouse, from `stock_level`, which SQLite keeps equal to the sum of its
        /// movements there (migration v5-stock-level).
        static let available = "SELECT quantity FROM stock_level WHERE item = ? AND warehouse = ?"
        /// An item's ledger sums in every warehouse, by warehouse name.
        static let availableByWarehouse = """
            SELECT w.name, s.quantity FROM stock_level s JOIN warehouse w ON w.id = s.warehouse WHERE s.item = ?
            """
        /// Units on the warehouse's open, seller-shipped orders not yet shipped, per item: found from the open
        /// orders (the partial index `sales_order_open`) and their lines. `?2` names one item, or NULL for every item.
        /// The one definition of "committed" for GetItem, adjustments, FBA figures and FBA marking.
        static let committed = """
            SELECT l.item, sum(max(l.quantity - l.quantity_shipped, 0))
            FROM sales_order o JOIN sales_order_line l ON l.sales_order = o.id
            WHERE o.warehouse = ?1 AND o.status IN ('unshipped','partiallyShipped') AND o.force_fulfilled = 0
              AND l.item IS NOT NULL AND (?2 IS NULL OR l.item = ?2)
            GROUP BY l.item
            """
        static let all = [available, availableByWarehouse, committed]
    }

    /// The ledger sum: what is free to sell.
    static func available(_ db: Database, item: Int64, warehouse: Int64) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: FigureSQL.available), arguments: [item, warehouse]) ?? 0
    }

    /// Units of open, seller-shipped orders still in the warehouse (taken from `available`, not yet shipped).
    static func committed(_ db: Database, item: Int64, warehouse: Int64) throws -> Int {
        try committedByItem(db, warehouse: warehouse, only: item)[item, default: 0]
    }

    /// `committed` for every item with units on the warehouse's open orders (or for `only` that item), in one pass
    /// over those orders: for callers that need the figure of many items (items absent have none committed).
    static func committedByItem(_ db: Database, warehouse: Int64, only item: Int64? = nil) throws -> [Int64: Int] {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: FigureSQL.committed), arguments: [warehouse, item])
        var committed: [Int64: Int] = [:]
        while let row = try rows.next() { committed[row[0]] = row[1] }
        return committed
    }

    /// Stock of an item in every warehouse (GetItem): onHand, committed, available.
    public func stock(sku: String) throws(StoreError) -> [WarehouseStock] {
        try read { db in
            let item = try AppDatabase.itemId(db, sku: sku)
            let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, name FROM warehouse ORDER BY is_primary DESC, name"))
            return try rows.map { r in
                let available = try AppDatabase.available(db, item: item, warehouse: r[0])
                let committed = try AppDatabase.committed(db, item: item, warehouse: r[0])
                return WarehouseStock(
                    warehouse: r[1], onHand: available + committed, committed: committed, available: available)
            }
        }
    }

    /// The ledger of an item, newest first. No index leads from an item to its movements (each would be one more
    /// b-tree written per order line): this reads the ledger from its end until it has `limit` of the item's
    /// movements, so it is for inspection and tests, not for a path that runs per order or per push.
    public func stockMovements(sku: String, limit: Int = 100) throws(StoreError) -> [StockMovement] {
        try read { db in
            let item = try AppDatabase.itemId(db, sku: sku)
            return try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT m.id, w.name, m.delta, m.kind, m.reference, m.at, m.reason
                    FROM stock_movement m JOIN warehouse w ON w.id = m.warehouse
                    WHERE m.item = ? ORDER BY m.id DESC LIMIT ?
                    """),
                arguments: [item, limit]
            ).map { r in
                StockMovement(
                    id: r[0], itemSku: sku, warehouse: r[1], delta: r[2], kind: StockMovementKind(rawValue: r[3]) ?? .adjustment,
                    reference: r[4], at: AppDatabase.date(r[5] as Int64), reason: r[6])
            }
        }
    }

    // MARK: - Stock outbox (R16, decision 4)

    /// Enqueues every MFN listing linked to these items, inside the caller's transaction. A listing already
    /// waiting keeps its place and enqueue time; its version is bumped, so a burst of changes is one push.
    static func enqueuePush(_ db: Database, items: some Sequence<Int64>, now: Date) throws {
        let ids = Set(items)
        guard !ids.isEmpty else { return }
        // One statement for all the items: a page of orders touches hundreds, and one execution per item was
        // a measurable share of the ingest. Each listing has one item, so each is enqueued (or bumped) once.
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO stock_outbox (channel, sku, version, enqueued_at)
                SELECT channel, sku, 1, ? FROM listing
                WHERE item IN (SELECT value FROM json_each(?)) AND fulfillment = 'mfn'
                ON CONFLICT(channel, sku) DO UPDATE SET version = version + 1
                """)
        try statement.execute(arguments: [AppDatabase.ms(now), "[" + ids.map(String.init).joined(separator: ",") + "]"])
    }

    /// The oldest outbox entries with their desired quantity under `StockPushPolicy`, read in one snapshot.
    /// Entries stay in the outbox until acknowledged or discarded, so a crash loses no push.
    public func takeStockOutbox(limit: Int) throws(StoreError) -> [StockPushEntry] {
        try read { db in try AppDatabase.outboxEntries(db, due: nil, limit: limit).map(\.entry) }
    }

    /// Like `takeStockOutbox`, but only entries whose backoff has passed at `now`, each with the number of failed
    /// attempts so far (0 for a change never tried).
    public func dueStockOutbox(now: Date, limit: Int) throws(StoreError) -> [(entry: StockPushEntry, attempts: Int)] {
        try read { db in try AppDatabase.outboxEntries(db, due: now, limit: limit) }
    }

    private static func outboxEntries(_ db: Database, due: Date?, limit: Int) throws -> [(entry: StockPushEntry, attempts: Int)] {
        let fbaWarehouses = Set(
            try String.fetchAll(
                db.cachedStatement(sql: """
                    SELECT name FROM warehouse WHERE kind = 'fba'
                    UNION SELECT fba_warehouse FROM channel_setting WHERE fba_warehouse IS NOT NULL
                    """)))
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT o.channel, o.sku, o.version, o.enqueued_at, l.item, l.fulfillment, l.pushed_quantity,
                       s.enabled, s.stock_sync_active, s.mapped_warehouse, o.attempts
                FROM stock_outbox o
                JOIN channel_setting s ON s.channel = o.channel
                LEFT JOIN listing l ON l.channel = o.channel AND l.sku = o.sku
                WHERE ?1 IS NULL OR o.next_attempt_at IS NULL OR o.next_attempt_at <= ?1
                ORDER BY o.enqueued_at, o.channel, o.sku LIMIT ?2
                """),
            arguments: [AppDatabase.ms(due), limit])
        return try rows.map { r in
            var desired: Int?
            let item: Int64? = r[4]
            let fulfillment = (r[5] as String?).flatMap(Fulfillment.init(rawValue:))
            var settings = ChannelSettings.default
            settings.enabled = r[7]
            settings.stockSyncActive = r[8]
            settings.mappedWarehouse = r[9]
            if let item, let fulfillment, StockPushPolicy.isPushed(listing: fulfillment, settings: settings) {
                let perWarehouse = try Row.fetchAll(
                    db.cachedStatement(sql: FigureSQL.availableByWarehouse), arguments: [item])
                var available: [String: Int] = [:]
                for p in perWarehouse { available[p[0]] = p[1] }
                desired = StockPushPolicy(source: StockSource(settings: settings))
                    .desiredQuantity(available: available, excluding: fbaWarehouses)
            }
            let entry = StockPushEntry(
                channel: try ChannelName(r[0] as String), sku: r[1], version: r[2],
                enqueuedAt: AppDatabase.date(r[3] as Int64), desiredQuantity: desired, acknowledgedQuantity: r[6])
            return (entry, r[10])
        }
    }

    /// Records that Amazon accepted `quantity` for the listing (pushed and Amazon quantity) and removes the
    /// outbox entry unless it was enqueued again after `version` was read.
    public func acknowledgePush(channel: ChannelName, sku: String, quantity: Int, version: Int64) throws(StoreError) {
        guard quantity >= 0 else { throw .invalidQuantity("Amazon cannot hold a negative quantity (\(quantity))") }
        try write { db in
            try db.execute(
                sql: "UPDATE listing SET pushed_quantity = ?1, amazon_quantity = ?1 WHERE channel = ?2 AND sku = ?3",
                arguments: [quantity, channel.rawValue, sku])
            if db.changesCount == 0 { throw StoreError.noSuchListing(channel: channel.rawValue, sku: sku) }
            try db.execute(
                sql: "DELETE FROM stock_outbox WHERE channel = ? AND sku = ? AND version <= ?",
                arguments: [channel.rawValue, sku, version])
        }
    }

    /// `acknowledgePush` for many listings of one channel in one transaction (a feed's accepted messages); listings
    /// deleted meanwhile only leave the outbox.
    public func acknowledgePushes(channel: ChannelName, _ pushes: [(sku: String, quantity: Int, version: Int64)])
        throws(StoreError)
    {
        if let bad = pushes.first(where: { $0.quantity < 0 }) {
            throw .invalidQuantity("Amazon cannot hold a negative quantity (\(bad.quantity))")
        }
        guard !pushes.isEmpty else { return }
        try write { db in
            let update = try db.cachedStatement(
                sql: "UPDATE listing SET pushed_quantity = ?1, amazon_quantity = ?1 WHERE channel = ?2 AND sku = ?3")
            let delete = try db.cachedStatement(
                sql: "DELETE FROM stock_outbox WHERE channel = ? AND sku = ? AND version <= ?")
            for p in pushes {
                try update.execute(arguments: [p.quantity, channel.rawValue, p.sku])
                try delete.execute(arguments: [channel.rawValue, p.sku, p.version])
            }
        }
    }

    /// Removes an outbox entry that needs no push (nil desired quantity), unless enqueued again since.
    public func discardStockOutbox(channel: ChannelName, sku: String, version: Int64) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "DELETE FROM stock_outbox WHERE channel = ? AND sku = ? AND version <= ?",
                arguments: [channel.rawValue, sku, version])
        }
    }

    /// Keeps a listing in the outbox after a failed or rejected push and sets when it is tried next: `delay` maps the
    /// number of failed attempts (1 after the first failure) to seconds. Returns that number of attempts.
    @discardableResult
    public func postponePush(
        channel: ChannelName, sku: String, reason: String, now: Date, delay: (Int) -> TimeInterval
    ) throws(StoreError) -> Int {
        try postponePushes(channel: channel, [(sku, reason)], now: now, delay: delay)[sku] ?? 0
    }

    /// `postponePush` for many listings of one channel in one transaction; returns the attempts per SKU still waiting
    /// (a SKU acknowledged or discarded meanwhile is left out: nothing remains to retry).
    @discardableResult
    public func postponePushes(
        channel: ChannelName, _ failures: [(sku: String, reason: String)], now: Date, delay: (Int) -> TimeInterval
    ) throws(StoreError) -> [String: Int] {
        try write { db in
            let select = try db.cachedStatement(sql: "SELECT attempts FROM stock_outbox WHERE channel = ? AND sku = ?")
            let update = try db.cachedStatement(
                sql: "UPDATE stock_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE channel = ? AND sku = ?")
            var result: [String: Int] = [:]
            for f in failures {
                guard let attempts = try Int.fetchOne(select, arguments: [channel.rawValue, f.sku]) else { continue }
                let next = now.addingTimeInterval(max(0, delay(attempts + 1)))
                try update.execute(arguments: [attempts + 1, AppDatabase.ms(next), f.reason, channel.rawValue, f.sku])
                result[f.sku] = attempts + 1
            }
            return result
        }
    }

    /// When the outbox next has work: the earliest backoff end, or the enqueue time of an entry never tried; nil
    /// when the outbox is empty.
    public func nextStockPushDue() throws(StoreError) -> Date? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT min(coalesce(next_attempt_at, enqueued_at)) FROM stock_outbox").map(AppDatabase.date)
        }
    }

    /// Entries waiting in the outbox, all channels (for tests and status).
    public func stockOutboxCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM stock_outbox") ?? 0 }
    }

    /// Turns a channel's stock sync on or off (R16); turning it on enqueues every MFN listing of the channel in the
    /// same transaction, so the pusher brings Amazon to the desired quantities even after a crash.
    public func setStockSyncActive(channel: ChannelName, _ active: Bool, now: Date = Date()) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "UPDATE channel_setting SET stock_sync_active = ? WHERE channel = ?", arguments: [active, channel.rawValue])
            if db.changesCount == 0 { throw StoreError.noSuchChannel(channel.rawValue) }
            guard active else { return }
            try db.execute(
                sql: """
                    INSERT INTO stock_outbox (channel, sku, version, enqueued_at)
                    SELECT channel, sku, 1, ? FROM listing WHERE channel = ? AND fulfillment = 'mfn' AND item IS NOT NULL
                    ON CONFLICT(channel, sku) DO UPDATE SET version = version + 1
                    """,
                arguments: [AppDatabase.ms(now), channel.rawValue])
        }
    }

    /// Yields once after every committed transaction that put work into the stock outbox (a new or re-enqueued
    /// listing), in this process: the pusher's wake-up call, so it never has to poll. Signals coalesce: a consumer
    /// that is busy sees one pending signal, not one per transaction. Observing stops when the stream ends.
    public func stockOutboxChanges() throws(StoreError) -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let observer = StockOutboxObserver(continuation: continuation)
        try write { db in db.add(transactionObserver: observer, extent: .observerLifetime) }
        // The stream keeps the observer alive; GRDB holds it weakly and forgets it once the stream is gone.
        continuation.onTermination = { _ in withExtendedLifetime(observer) {} }
        return stream
    }
}

/// Signals committed transactions that enqueued stock pushes (inserts, or updates of `version`, in `stock_outbox`).
private final class StockOutboxObserver: TransactionObserver, Sendable {
    private let continuation: AsyncStream<Void>.Continuation
    private let pending = Mutex(false)

    init(continuation: AsyncStream<Void>.Continuation) { self.continuation = continuation }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        switch eventKind {
        case .insert(let table): table == "stock_outbox"
        case .update(let table, let columns): table == "stock_outbox" && columns.contains("version")
        case .delete: false
        }
    }

    func databaseDidChange(with event: DatabaseEvent) { pending.withLock { $0 = true } }

    func databaseDidCommit(_ db: Database) {
        if pending.withLock({ flag in defer { flag = false }; return flag }) { continuation.yield() }
    }

    func databaseDidRollback(_ db: Database) { pending.withLock { $0 = false } }
}
