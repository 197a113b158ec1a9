import Foundation
import GRDB
import GRDBSQLite
import Inventory

/// Sales orders from Amazon: the idempotent upsert of a page (R17–R20, R22, R23, R27, R31, R33) and reads.
extension AppDatabase {
    /// Stores one page of a channel's orders in ONE transaction — the contract of the order sync:
    /// - idempotent on (channel, amazonOrderId) (R18): the same page any number of times leaves one order and
    ///   one set of stock movements; an incoming order older than the stored one (overlap) changes nothing;
    /// - admission by `OrderAdmission` under the stored `OrderSyncMode` (R17);
    /// - lines mapped to items through listings; an unknown SKU becomes a listing and an unconfirmed item (R13);
    /// - stock: each line's net ledger effect is −quantity while the order is live and 0 once void, so the
    ///   order takes stock exactly once and a cancellation returns it exactly once, in the warehouse that
    ///   tracks the order (FBA warehouse for AFN, mapped or primary for MFN — R22, R23, R27);
    /// - AFN orders are force-fulfilled and locked (R27); comment `Paid` (R20); default customer (R33);
    /// - the buyer becomes a contact matched by email, else name (R19); PII is sealed into the vault, a new
    ///   blob replacing the old one, and nothing is stored when the order carries none (R30); the purge time
    ///   follows `PIIPolicy` (R31); purged orders never take PII again;
    /// - affected MFN listings go to the stock outbox (R16), the order cursor advances to `cursor` (never
    ///   backwards — decision 2) and per-order outcomes are recorded in `task`, all in the same transaction.
    /// Any failure (e.g. a constraint) rolls back the whole page, cursor included.
    @discardableResult
    public func upsertOrders(
        channel: ChannelName, orders: [IncomingOrder], cursor: Date?, task: SyncTask.ID? = nil, now: Date = Date()
    ) throws(StoreError) -> [OrderUpsertResult] {
        // Malformed records are refused by name before anything is written, so the engine can drop them.
        for o in orders { try AppDatabase.validate(o) }
        let vault = self.vault
        // The buyer data is sealed on a thread of its own meanwhile, ahead of the writer (BuyerDataSealing).
        let sealing = BuyerDataSealing(orders: orders, channel: channel, vault: vault)
        defer { sealing.cancel() }
        return try write { db in
            guard let marketplaceCode = try String.fetchOne(
                db.cachedStatement(sql: "SELECT marketplace FROM channel WHERE name = ?"), arguments: [channel.rawValue])
            else { throw StoreError.noSuchChannel(channel.rawValue) }
            let marketplace = try Marketplace.parse(marketplaceCode)
            if let task { try AppDatabase.requireRunning(db, task: task) }
            let settingRow = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT fba_warehouse, mapped_warehouse FROM channel_setting WHERE channel = ?"),
                arguments: [channel.rawValue])
            var settings = ChannelSettings.default
            settings.fbaWarehouse = settingRow?[0]
            settings.mappedWarehouse = settingRow?[1]
            let modeRaw = try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM global_setting WHERE key = 'order_sync_mode'"))
            let mode = modeRaw.flatMap(OrderSyncMode.init(rawValue:)) ?? .confirmed
            let policy = PIIPolicy.default
            let customerName = marketplace.defaultCustomerName  // built once, not per order
            let nowMs = AppDatabase.ms(now)

            // The statements of the per-order loop, looked up once per page (a statement-cache lookup hashes the
            // whole SQL text, and the loop runs them thousands of times per sync) and run by position (`run`).
            let updateOrder = try db.positionalStatement(sql: """
                UPDATE sales_order SET status = ?, last_updated_at = ?, fulfilled_at = ?, updated_at = ?
                WHERE id = ?
                """)
            let updateOrderWithVault = try db.positionalStatement(sql: """
                UPDATE sales_order SET status = ?, last_updated_at = ?, fulfilled_at = ?, updated_at = ?,
                    vault = ?, pii_state = 'present', contact = coalesce(?, contact)
                WHERE id = ?
                """)
            let upsertLine = try db.cachedStatement(sql: """
                INSERT INTO sales_order_line (sales_order, line_id, sku, asin, item, quantity, quantity_shipped,
                    unit_price, currency)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(sales_order, line_id) DO UPDATE SET sku = excluded.sku,
                    asin = coalesce(excluded.asin, asin),
                    item = coalesce(item, excluded.item), quantity = excluded.quantity,
                    quantity_shipped = CASE WHEN ? THEN max(quantity_shipped, excluded.quantity_shipped)
                        ELSE excluded.quantity_shipped END,
                    unit_price = CASE WHEN ? THEN coalesce(excluded.unit_price, unit_price) ELSE excluded.unit_price END,
                    currency = CASE WHEN ? THEN coalesce(excluded.currency, currency) ELSE excluded.currency END
                RETURNING id, item
                """)
            let insertVault = try db.positionalStatement(sql: "INSERT INTO pii_vault (sealed, purge_after, created_at) VALUES (?, ?, ?)")
            // Contacts without RETURNING (it costs SQLite a temporary b-tree per execution), remembered per page:
            // buyers repeat. One look-up per new buyer: a page's contacts read in one IN query per 100 digests
            // measured 14.6k instructions per order against 12.9k for these look-ups (callgrind, issue 6): each
            // digest is still a probe of the unique index and of the table, and the IN list adds its own b-tree.
            let selectContact = try db.positionalStatement(sql: "SELECT id, last_order_at FROM contact WHERE match_digest = ?")
            let insertContact = try db.positionalStatement(
                sql: "INSERT INTO contact (match_digest, created_at, last_order_at) VALUES (?, ?, ?)")
            let touchContact = try db.positionalStatement(sql: "UPDATE contact SET last_order_at = ? WHERE id = ?")
            var contacts: [ContactDigestKey: (id: Int64, lastOrderAt: Int64)] = [:]
            contacts.reserveCapacity(orders.count)  // grown one buyer at a time, it rehashed every key on the way
            let deleteVault = try db.positionalStatement(sql: "DELETE FROM pii_vault WHERE id = ?")
            let updatePurge = try db.positionalStatement(sql: "UPDATE pii_vault SET purge_after = ? WHERE id = ?")

            // The page's stored orders in one query instead of one per order. A page that names an order twice
            // falls back to a query per order, so the second copy sees what the first one wrote.
            let ids = orders.map(\.amazonOrderId)
            let pageHasRepeats = Set(ids).count != ids.count
            var stored: [String: Row] = [:]
            if !pageHasRepeats, !ids.isEmpty {
                let rows = try Row.fetchAll(
                    db.cachedStatement(sql: """
                        SELECT id, status, fulfilled_at, pii_state, vault, warehouse, last_updated_at, amazon_order_id
                        FROM sales_order WHERE channel = ? AND amazon_order_id IN (SELECT value FROM json_each(?))
                        """),
                    arguments: [channel.rawValue, JSONStringArray.encode(ids)])
                for r in rows { stored[r[7]] = r }
            }
            let selectStored = try db.cachedStatement(sql: """
                SELECT id, status, fulfilled_at, pii_state, vault, warehouse, last_updated_at
                FROM sales_order WHERE channel = ? AND amazon_order_id = ?
                """)
            // The channel's listings of the page's SKUs in one query; a SKU met for the first time is added
            // (ensureListing) and remembered, so each SKU costs at most one lookup per page.
            var listings: [String: Int64?] = [:]
            let skus = Array(Set(orders.flatMap { $0.lines.map(\.sku) }))
            if !skus.isEmpty {
                // Read row by row (no Row copies): a page names up to 200 SKUs.
                let selectListings = try db.positionalStatement(sql: """
                    SELECT sku, item FROM listing WHERE channel = ? AND sku IN (SELECT value FROM json_each(?))
                    """)
                try selectListings.bind(channel.rawValue, JSONStringArray.encode(skus))
                try selectListings.forEachRow { row in listings[columnText(row, 0)] = .some(columnInt64(row, 1)) }
            }

            var results: [OrderUpsertResult] = []
            results.reserveCapacity(orders.count)
            var records: [TaskRecord] = []
            records.reserveCapacity(orders.count)
            var touched = Set<Int64>()
            // New orders, their lines and movements, written after the loop in multi-row INSERTs (or after each order
            // when the page names an order twice, so the second copy finds the first).
            var inserts = PageInserts()
            func writeInserts() throws {
                try inserts.write(db, channel: channel.rawValue, customerName: customerName, comment: SalesOrder.paidComment, now: nowMs)
            }
            // Per page, not per order: the primary warehouse and the warehouse ids cannot change inside this
            // transaction, and looking them up for each order was two queries per order.
            var primary: String?
            var warehouseIds: [String: Int64] = [:]
            for (index, o) in orders.enumerated() {
                let existing = pageHasRepeats
                    ? try Row.fetchOne(selectStored, arguments: [channel.rawValue, o.amazonOrderId])
                    : stored[o.amazonOrderId]
                let warehouse: Int64
                let piiState: PIIState
                let oldVault: Int64?
                let fulfilledAt: Date?
                let action: OrderUpsertResult.Action
                var orderId: Int64 = 0
                switch OrderAdmission.decide(mode: mode, status: o.status, exists: existing != nil) {
                case .skip(let reason):
                    results.append(OrderUpsertResult(amazonOrderId: o.amazonOrderId, orderId: nil, action: .skipped(reason: reason)))
                    records.append(TaskRecord(recordId: o.amazonOrderId, kind: "order", outcome: .skipped, reason: reason))
                    continue
                case .create:
                    if primary == nil { primary = try AppDatabase.primaryWarehouseName(db) }
                    let name = OrderTracking.warehouse(
                        fulfillmentChannel: o.fulfillmentChannel, settings: settings, primary: primary!)
                    if let known = warehouseIds[name] {
                        warehouse = known
                    } else {
                        warehouse = try AppDatabase.warehouseId(db, name: name)!
                        warehouseIds[name] = warehouse
                    }
                    piiState = .none
                    oldVault = nil
                    fulfilledAt = policy.fulfilledAt(
                        previousStatus: nil, previousFulfilledAt: nil, newStatus: o.status, at: o.lastUpdatedAt)
                    action = .created
                case .update:
                    let row = existing!
                    orderId = row[0]
                    warehouse = row[5]
                    piiState = PIIState(rawValue: row[3]) ?? .none
                    oldVault = row[4]
                    // An overlapping page may carry an older state of the order: never go back in time.
                    if (row[6] as Int64) > AppDatabase.ms(o.lastUpdatedAt) {
                        results.append(OrderUpsertResult(amazonOrderId: o.amazonOrderId, orderId: orderId, action: .unchanged))
                        records.append(TaskRecord(recordId: o.amazonOrderId, kind: "order", outcome: .synced))
                        continue
                    }
                    fulfilledAt = policy.fulfilledAt(
                        previousStatus: OrderStatus(rawValue: row[1]), previousFulfilledAt: AppDatabase.date(row[2] as Int64?),
                        newStatus: o.status, at: o.lastUpdatedAt)
                    action = .updated
                }

                // Buyer data first (R19, R30, R31): the new blob and the contact exist before the order row is
                // written, so that row is written once, with them.
                let purgeAfter = policy.purgeAfter(fulfilledAt: fulfilledAt)
                var newVault: Int64?
                var contact: Int64?
                if BuyerDataSealing.carriesBuyerData(o), piiState != .purged {
                    guard vault != nil else { throw StoreError.vaultLocked }
                    let (sealed, contactDigest) = try sealing.sealed(at: index)
                    try insertVault.run(sealed, AppDatabase.ms(purgeAfter), nowMs)
                    newVault = db.lastInsertedRowID
                    if let digest = contactDigest {
                        let purchased = AppDatabase.ms(o.purchasedAt)
                        let key = ContactDigestKey(digest)
                        var known = contacts[key]
                        if known == nil {
                            try selectContact.bind(digest)
                            try selectContact.forEachRow { row in
                                known = (id: sqlite3_column_int64(row, 0), lastOrderAt: sqlite3_column_int64(row, 1))
                            }
                        }
                        if let known {
                            // last_order_at only moves forward.
                            if purchased > known.lastOrderAt { try touchContact.run(purchased, known.id) }
                            contacts[key] = (known.id, max(known.lastOrderAt, purchased))
                            contact = known.id
                        } else {
                            try insertContact.run(digest, nowMs, purchased)
                            contact = db.lastInsertedRowID
                            contacts[key] = (db.lastInsertedRowID, purchased)
                        }
                    }
                }

                if action == .created {
                    orderId = try inserts.orderId(db)
                    inserts.add(PageInserts.Order(
                        id: orderId, amazonOrderId: o.amazonOrderId, status: o.status.rawValue,
                        fulfillmentChannel: o.fulfillmentChannel.rawValue,
                        forceFulfilled: OrderTracking.isForceFulfilled(o.fulfillmentChannel), warehouse: warehouse,
                        purchasedAt: AppDatabase.ms(o.purchasedAt), lastUpdatedAt: AppDatabase.ms(o.lastUpdatedAt),
                        fulfilledAt: AppDatabase.ms(fulfilledAt),
                        piiState: newVault == nil ? PIIState.none.rawValue : PIIState.present.rawValue, vault: newVault,
                        contact: contact))
                } else if let newVault {
                    try updateOrderWithVault.run(
                        o.status.rawValue, AppDatabase.ms(o.lastUpdatedAt), AppDatabase.ms(fulfilledAt), nowMs, newVault, contact,
                        orderId)
                } else {
                    try updateOrder.run(o.status.rawValue, AppDatabase.ms(o.lastUpdatedAt), AppDatabase.ms(fulfilledAt), nowMs, orderId)
                }
                if newVault != nil {
                    // The old blob is shredded: only the newest copy of the buyer's data exists.
                    if let oldVault { try deleteVault.run(oldVault) }
                } else if let oldVault {
                    try updatePurge.run(AppDatabase.ms(purgeAfter), oldVault)
                }

                // Lines and their stock.
                let listingFulfillment: Fulfillment = o.fulfillmentChannel == .afn ? .fba : .mfn
                // The movements' reference is `channel/order/line`: the order's part built once, not per line.
                let referencePrefix = channel.rawValue + "/" + o.amazonOrderId + "/"
                // An updated order's stored lines, read once (not one query per incoming line) and kept in step with
                // what this order's lines write, so each line matches as if it read the table.
                var storedLines = action == .created ? [] : try AppDatabase.storedLines(db, order: orderId)
                for var line in o.lines {
                    // A report's line (no order item id) and Amazon's item id name one line whichever came first.
                    let fromReport = line.lineId.hasPrefix(AppDatabase.reportLineIdPrefix)
                    if action != .created {
                        line.lineId = try AppDatabase.storedLineId(db, stored: &storedLines, line: line, fromReport: fromReport)
                    }
                    let item: Int64?
                    if let known = listings[line.sku] {
                        item = known
                    } else {
                        item = try AppDatabase.ensureListing(
                            db, channel: channel, sku: line.sku, asin: line.asin, title: line.title,
                            fulfillment: listingFulfillment, now: now).item
                        listings[line.sku] = .some(item)
                    }
                    let reference = referencePrefix + line.lineId
                    if action == .created {
                        // A new order has no lines and no movements yet: plain inserts, no ledger read.
                        let lineId = try inserts.lineId(db)
                        inserts.add(PageInserts.Line(
                            id: lineId, order: orderId, lineId: line.lineId, sku: line.sku, asin: line.asin, item: item,
                            quantity: line.quantity, quantityShipped: line.quantityShipped,
                            unitPrice: line.unitPrice?.amount, currency: line.unitPrice?.currency))
                        if let item, !o.status.isVoid, line.quantity != 0 {
                            inserts.add(PageInserts.Movement(
                                item: item, warehouse: warehouse, delta: -line.quantity, line: lineId, reference: reference))
                            touched.insert(item)
                        }
                    } else {
                        // RETURNING gives the line's id and (kept) item without a second lookup.
                        let lineRow = try Row.fetchOne(upsertLine, arguments: [
                            orderId, line.lineId, line.sku, line.asin, item, line.quantity, line.quantityShipped,
                            line.unitPrice?.amount, line.unitPrice?.currency, fromReport, fromReport, fromReport,
                        ])!
                        if let index = storedLines.firstIndex(where: { $0.lineId.utf8.elementsEqual(line.lineId.utf8) }) {
                            storedLines[index].sku = line.sku  // the upsert sets the line's SKU
                        } else {
                            storedLines.append(StoredLine(id: lineRow[0], lineId: line.lineId, sku: line.sku))
                        }
                        try AppDatabase.reconcileStock(
                            db, line: lineRow[0], item: lineRow[1], warehouse: warehouse, quantity: line.quantity,
                            void: o.status.isVoid, reference: reference, now: now, touched: &touched)
                    }
                }
                results.append(OrderUpsertResult(amazonOrderId: o.amazonOrderId, orderId: orderId, action: action))
                records.append(TaskRecord(recordId: o.amazonOrderId, kind: "order", outcome: .synced))
                if pageHasRepeats { try writeInserts() }
            }
            try writeInserts()
            try AppDatabase.enqueuePush(db, items: touched, now: now)
            if let task { try AppDatabase.insertRecords(db, task: task, records) }
            if let cursor {
                try db.run(
                    sql: """
                        INSERT INTO order_cursor (channel, last_updated_before, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT(channel) DO UPDATE SET
                            last_updated_before = max(last_updated_before, excluded.last_updated_before),
                            updated_at = excluded.updated_at
                        """,
                    arguments: [channel.rawValue, AppDatabase.ms(cursor), nowMs])
            }
            return results
        }
    }

    /// A JSON array of `values` for `json_each(?)`: one bound parameter however many keys a page has.
    static func jsonArray<T: Encodable>(_ values: [T], _ encoder: JSONEncoder) throws -> String {
        String(decoding: try encoder.encode(values), as: UTF8.self)
    }

    /// Marks a line id that an order report made from the SKU (it has no order item id); the same text as
    /// `OrdersReport.reportLineIdPrefix` in SellingPartner, which the store cannot import.
    public static let reportLineIdPrefix = "report-"

    /// The stored line an incoming line updates, so one order item is one line whichever source brought it:
    /// - an item id (searchOrders) the order does not have yet takes over the order's first report line of that SKU,
    ///   which is renamed to the item id (its stock movements stay with it: the stock is taken once);
    /// - a report line (`report-SKU`, `report-SKU#n`) the order does not have updates the n-th stored line of that
    ///   SKU, so a report read after searchOrders adds no second line.
    /// Otherwise the incoming id is kept (a new line).
    /// `stored`: the order's lines in id order (`storedLines`); a renamed line is renamed there too. Texts are
    /// compared byte for byte, as SQLite's BINARY collation does (String's == would equate canonical equivalents).
    static func storedLineId(
        _ db: Database, stored: inout [StoredLine], line: IncomingOrderLine, fromReport: Bool
    ) throws -> String {
        if stored.contains(where: { $0.lineId.utf8.elementsEqual(line.lineId.utf8) }) { return line.lineId }
        if fromReport {
            let occurrence = line.lineId.split(separator: "#").last.flatMap { Int($0) } ?? 1
            let ids = stored.filter { $0.sku.utf8.elementsEqual(line.sku.utf8) }.map(\.lineId)
            return ids.count >= occurrence ? ids[occurrence - 1] : line.lineId
        }
        guard let index = stored.firstIndex(where: { $0.sku.utf8.elementsEqual(line.sku.utf8) && $0.lineId.utf8.starts(with: reportLineIdPrefix.utf8) })
        else { return line.lineId }
        try db.run(sql: "UPDATE sales_order_line SET line_id = ? WHERE id = ?", arguments: [line.lineId, stored[index].id])
        stored[index].lineId = line.lineId
        return line.lineId
    }

    /// An order's stored lines in id order, for `storedLineId`.
    static func storedLines(_ db: Database, order: Int64) throws -> [StoredLine] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, line_id, sku FROM sales_order_line WHERE sales_order = ? ORDER BY id"),
            arguments: [order]
        ).map { StoredLine(id: $0[0], lineId: $0[1], sku: $0[2]) }
    }

    static func validate(_ o: IncomingOrder) throws(StoreError) {
        func bad(_ reason: String) -> StoreError { .invalidOrder(amazonOrderId: o.amazonOrderId, reason: reason) }
        guard (1...64).contains(o.amazonOrderId.utf8.count) else { throw bad("the order id must have 1 to 64 characters") }
        // Most orders have a few lines: comparing each with the earlier ones costs less than hashing them into a Set
        // (3.6k instructions per order in issue 6's profile); long orders still use the Set. The same String equality.
        let few = o.lines.count <= 16
        var seen = Set<String>()
        for (i, l) in o.lines.enumerated() {
            guard !l.lineId.isEmpty, !l.sku.isEmpty else { throw bad("a line has an empty order item id or SKU") }
            guard l.quantity >= 0, l.quantityShipped >= 0 else { throw bad("line \(l.lineId) has a negative quantity") }
            let repeated = few ? o.lines[..<i].contains { $0.lineId == l.lineId } : !seen.insert(l.lineId).inserted
            guard !repeated else { throw bad("line \(l.lineId) appears twice") }
        }
    }

    /// Brings a line's net ledger effect to its target: −quantity while live, 0 once void. Returns of a void
    /// order go back to every (item, warehouse) the line took from, even if the link or mapping changed since.
    /// `fresh`: the line was created in this transaction, so it has no movements yet and the ledger is not read.
    static func reconcileStock(
        _ db: Database, line: Int64, item: Int64?, warehouse: Int64, quantity: Int, void: Bool, reference: String,
        now: Date, fresh: Bool = false, touched: inout Set<Int64>
    ) throws {
        let taken = fresh ? [] : try Row.fetchAll(
            db.cachedStatement(sql: "SELECT item, warehouse, sum(delta) FROM stock_movement WHERE order_line = ? GROUP BY item, warehouse"),
            arguments: [line])
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO stock_movement (item, warehouse, delta, kind, order_line, reference, at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        let nowMs = AppDatabase.ms(now)
        if void {
            for t in taken {
                let net: Int = t[2]
                guard net != 0 else { continue }
                try insert.execute(arguments: [t[0] as Int64, t[1] as Int64, -net, "cancellation", line, reference, nowMs])
                touched.insert(t[0])
            }
            return
        }
        guard let item else { return }
        let net = taken.reduce(0) { $0 + ($1[2] as Int) }
        let diff = -quantity - net
        guard diff != 0 else { return }
        try insert.execute(arguments: [item, warehouse, diff, diff < 0 ? "order" : "cancellation", line, reference, nowMs])
        touched.insert(item)
    }

    /// The channel's order cursor: Amazon's `lastUpdatedBefore` of the last stored page (decision 2).
    public func orderCursor(channel: ChannelName) throws(StoreError) -> Date? {
        try read { db in
            try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT last_updated_before FROM order_cursor WHERE channel = ?"), arguments: [channel.rawValue]
            ).map(AppDatabase.date)
        }
    }

    private static let orderSelect = """
        SELECT o.id, o.channel, o.amazon_order_id, o.status, o.fulfillment_channel, o.customer_name, o.force_fulfilled,
               w.name, o.purchased_at, o.last_updated_at, o.fulfilled_at, o.comments, o.pii_state, o.contact
        FROM sales_order o JOIN warehouse w ON w.id = o.warehouse
        """

    static func decodeOrder(_ db: Database, _ r: Row) throws -> SalesOrder {
        let id: Int64 = r[0]
        let lines = try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT line_id, sku, asin, quantity, quantity_shipped, unit_price, currency
                FROM sales_order_line WHERE sales_order = ? ORDER BY id
                """),
            arguments: [id]
        ).map { l in
            let price: Money? = {
                guard let amount: String = l[5], let currency: String = l[6] else { return nil }
                return try? Money(amount: amount, currency: currency)
            }()
            return SalesOrderLine(
                lineId: l[0], sku: l[1], asin: l[2], quantity: l[3], quantityShipped: l[4], unitPrice: price)
        }
        return SalesOrder(
            id: id, channel: try ChannelName(r[1] as String), amazonOrderId: r[2],
            status: OrderStatus(rawValue: r[3]) ?? .unshipped,
            fulfillmentChannel: FulfillmentChannel(rawValue: r[4]) ?? .mfn, customerName: r[5], forceFulfilled: r[6],
            warehouse: r[7], purchasedAt: date(r[8] as Int64), lastUpdatedAt: date(r[9] as Int64),
            fulfilledAt: date(r[10] as Int64?), comments: r[11], lines: lines,
            piiState: PIIState(rawValue: r[12]) ?? .none, contactId: r[13])
    }

    /// Orders, newest purchase first, optionally of one channel and status; no PII (R32).
    public func orders(channel: ChannelName? = nil, status: OrderStatus? = nil, limit: Int = 100) throws(StoreError)
        -> [SalesOrder]
    {
        try read { db in
            try Row.fetchAll(
                db,
                sql: AppDatabase.orderSelect + """
                     WHERE (?1 IS NULL OR o.channel = ?1) AND (?2 IS NULL OR o.status = ?2)
                    ORDER BY o.purchased_at DESC, o.id DESC LIMIT ?3
                    """,
                arguments: [channel?.rawValue, status?.rawValue, limit]
            ).map { try AppDatabase.decodeOrder(db, $0) }
        }
    }

    /// One order by local id; no PII.
    public func order(id: SalesOrder.ID) throws(StoreError) -> SalesOrder? {
        try read { db in
            try Row.fetchOne(db, sql: AppDatabase.orderSelect + " WHERE o.id = ?", arguments: [id])
                .map { try AppDatabase.decodeOrder(db, $0) }
        }
    }

    /// One order by Amazon order id, on one channel or the first found; no PII. The channels are named so SQLite
    /// searches the unique key (channel, amazon_order_id) once per channel (there is no index on the id alone).
    public func order(amazonOrderId: String, channel: ChannelName? = nil) throws(StoreError) -> SalesOrder? {
        try read { db in
            try Row.fetchOne(
                db,
                sql: AppDatabase.orderSelect + """
                     WHERE o.channel IN (SELECT name FROM channel WHERE ?2 IS NULL OR name = ?2) AND o.amazon_order_id = ?1
                    ORDER BY o.id LIMIT 1
                    """,
                arguments: [amazonOrderId, channel?.rawValue]
            ).map { try AppDatabase.decodeOrder(db, $0) }
        }
    }

    /// A contact by id (R19); contacts hold no PII in clear.
    public func contact(id: Contact.ID) throws(StoreError) -> Contact? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT id, created_at FROM contact WHERE id = ?"), arguments: [id])
                .map { Contact(id: $0[0], createdAt: AppDatabase.date($0[1] as Int64)) }
        }
    }
}

/// A contact digest as a dictionary key of the page's buyers: its first 32 bytes (all of an HMAC-SHA256 digest) as
/// four words, hashed and compared as such, instead of `Data`'s byte-wise hashing (~1,000 instructions per look-up
/// in issue 6's profile). A digest of another length keeps its bytes too, so keys stay equal only for equal digests.
struct ContactDigestKey: Hashable {
    private let head: SIMD4<UInt64>
    private let whole: Data?

    init(_ digest: Data) {
        var head = SIMD4<UInt64>()
        withUnsafeMutableBytes(of: &head) { target in
            digest.withUnsafeBytes { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source.prefix(target.count)))
            }
        }
        self.head = head
        whole = digest.count == MemoryLayout<SIMD4<UInt64>>.size ? nil : digest
    }
}
