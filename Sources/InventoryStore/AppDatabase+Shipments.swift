import Foundation
import GRDB
import Inventory

/// Shipments of Amazon MFN orders and their confirmation outbox (R21), local sales orders (R28), and outbound
/// Multi-Channel Fulfilment shipments (R28): every write one transaction, side effects queued in it (decision 5).
extension AppDatabase {
    // MARK: - Transactions that refuse with a ShipmentError (rolled back)

    /// Runs `body` in one write transaction; a `ShipmentError` thrown inside rolls it back and comes out as is.
    func shipmentWrite<T>(_ body: (Database) throws -> T) throws(ShipmentError) -> T {
        try keepingRefusals(write, body)
    }

    /// Runs `body` on a reader; a `ShipmentError` thrown inside comes out as is.
    func shipmentRead<T>(_ body: (Database) throws -> T) throws(ShipmentError) -> T {
        try keepingRefusals(read, body)
    }

    /// Runs `body` through `access` (the store's read or write): a `ShipmentError` it throws comes out as is instead
    /// of as the store error `access` would make of it; every other failure is `.store`.
    private func keepingRefusals<T>(
        _ access: ((Database) throws -> T) throws(StoreError) -> T, _ body: (Database) throws -> T
    ) throws(ShipmentError) -> T {
        var refused: ShipmentError?
        do {
            // `access` and `body` both run before this returns; the escape is only for the compiler's sake.
            return try withoutActuallyEscaping(body) { body throws(StoreError) in
                try access { db in
                    do { return try body(db) } catch let e as ShipmentError {
                        refused = e
                        throw e
                    }
                }
            }
        } catch {
            if let refused { throw refused }
            throw .store(error)
        }
    }

    // MARK: - Shipments of Amazon orders (R21)

    /// The local id of an Amazon order given by local id or Amazon order id.
    static func resolveOrder(_ db: Database, _ order: String) throws -> Int64 {
        if let id = Int64(order),
            try Bool.fetchOne(db, sql: "SELECT 1 FROM sales_order WHERE id = ?", arguments: [id]) != nil
        {
            return id
        }
        guard let id = try Int64.fetchOne(
            db,
            // Through the unique key (channel, amazon_order_id), one probe per channel: no index on the id alone.
            sql: "SELECT id FROM sales_order WHERE channel IN (SELECT name FROM channel) AND amazon_order_id = ? ORDER BY id LIMIT 1",
            arguments: [order])
        else { throw ShipmentError.store(.noSuchOrder(order)) }
        return id
    }

    private static let shippableOrderSelect = """
        SELECT o.id, o.channel, o.amazon_order_id, o.status, o.fulfillment_channel, o.customer_name, o.force_fulfilled,
               w.name, o.purchased_at, o.last_updated_at, o.fulfilled_at, o.comments, o.pii_state, o.contact
        FROM sales_order o JOIN warehouse w ON w.id = o.warehouse WHERE o.id = ?
        """

    /// Records that the seller shipped (part of) an MFN Amazon order, in ONE transaction (R21, decision 5):
    /// the shipment and its lines, the lines' shipped quantities, the order's status, and the confirmation in
    /// the outbox (due at once). `order` is the local id or the Amazon order id; `lines` nil ships every
    /// unshipped unit. Refuses AFN (force-fulfilled, R27), cancelled, unconfirmed and already shipped orders
    /// and lines with `.notShippable`.
    ///
    /// No stock movement: the order's own movement took the units from `available` when it came in, and they
    /// sat in `committed` since; shipping lowers `committed`, so on hand drops by exactly the shipped units once.
    public func createShipment(
        order: String, carrier: String, trackingNumber: String, lines: [ShipmentLine]?, now: Date = Date()
    ) throws(ShipmentError) -> Shipment {
        let carrier = carrier.trimmingCharacters(in: .whitespaces)
        let tracking = trackingNumber.trimmingCharacters(in: .whitespaces)
        guard (1...100).contains(carrier.count) else {
            throw .notShippable(order: order, reason: "the carrier must have 1 to 100 characters")
        }
        guard (1...100).contains(tracking.count) else {
            throw .notShippable(order: order, reason: "the tracking number must have 1 to 100 characters")
        }
        let id = try shipmentWrite { db -> Int64 in
            let orderId = try AppDatabase.resolveOrder(db, order)
            let row = try Row.fetchOne(db, sql: AppDatabase.shippableOrderSelect, arguments: [orderId])!
            let current = try AppDatabase.decodeOrder(db, row)
            let shipped: [ShipmentLine]
            do throws(ShipmentPolicy.Refusal) {
                shipped = try ShipmentPolicy.lines(for: current, requested: lines)
            } catch {
                throw ShipmentError.notShippable(order: current.amazonOrderId, reason: error.description)
            }
            let nowMs = AppDatabase.ms(now)
            let package = (try Int.fetchOne(
                db, sql: "SELECT max(package_reference) FROM shipment WHERE sales_order = ?", arguments: [orderId]) ?? 0) + 1
            try db.execute(
                sql: """
                    INSERT INTO shipment (sales_order, package_reference, carrier, tracking_number, shipped_at,
                                          confirmation, next_attempt_at)
                    VALUES (?, ?, ?, ?, ?, 'pending', ?)
                    """,
                arguments: [orderId, package, carrier, tracking, nowMs, nowMs])
            let shipment = db.lastInsertedRowID
            for line in shipped {
                let lineRow = try Int64.fetchOne(
                    db, sql: "SELECT id FROM sales_order_line WHERE sales_order = ? AND line_id = ?",
                    arguments: [orderId, line.lineId])!
                try db.execute(
                    sql: "INSERT INTO shipment_line (shipment, order_line, quantity) VALUES (?, ?, ?)",
                    arguments: [shipment, lineRow, line.quantity])
                try db.execute(
                    sql: "UPDATE sales_order_line SET quantity_shipped = quantity_shipped + ? WHERE id = ?",
                    arguments: [line.quantity, lineRow])
            }
            let open = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM sales_order_line WHERE sales_order = ? AND quantity_shipped < quantity LIMIT 1",
                arguments: [orderId]) ?? false
            let status: OrderStatus = open ? .partiallyShipped : .shipped
            // The PII clock starts when the order is fulfilled (R31).
            let policy = PIIPolicy.default
            let fulfilledAt = policy.fulfilledAt(
                previousStatus: current.status, previousFulfilledAt: current.fulfilledAt, newStatus: status, at: now)
            try db.execute(
                sql: "UPDATE sales_order SET status = ?, fulfilled_at = ?, updated_at = ? WHERE id = ?",
                arguments: [status.rawValue, AppDatabase.ms(fulfilledAt), nowMs, orderId])
            try db.execute(
                sql: """
                    UPDATE pii_vault SET purge_after = ? WHERE id = (SELECT vault FROM sales_order WHERE id = ?)
                    """,
                arguments: [AppDatabase.ms(policy.purgeAfter(fulfilledAt: fulfilledAt)), orderId])
            return shipment
        }
        let written = try shipmentRead { db in try AppDatabase.shipments(db, where: "s.id = ?", [id]) }
        guard let shipment = written.first else { throw .store(.io("shipment \(id) vanished after it was written")) }
        return shipment
    }

    private static func shipments(_ db: Database, where clause: String, _ arguments: StatementArguments) throws
        -> [Shipment]
    {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.id, s.sales_order, o.channel, o.amazon_order_id, s.package_reference, s.carrier,
                       s.tracking_number, s.shipped_at, s.confirmation, s.attempts, s.next_attempt_at, s.last_error,
                       s.confirmed_at
                FROM shipment s JOIN sales_order o ON o.id = s.sales_order WHERE \(clause)
                """,
            arguments: arguments)
        return try rows.map { r in
            let id: Int64 = r[0]
            let lines = try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT l.line_id, sl.quantity FROM shipment_line sl JOIN sales_order_line l ON l.id = sl.order_line
                    WHERE sl.shipment = ? ORDER BY l.id
                    """),
                arguments: [id]
            ).map { ShipmentLine(lineId: $0[0], quantity: $0[1]) }
            return Shipment(
                id: id, orderId: r[1], channel: try ChannelName(r[2] as String), amazonOrderId: r[3],
                packageReference: r[4], carrier: r[5], trackingNumber: r[6], shippedAt: date(r[7] as Int64),
                lines: lines, confirmation: ShipmentConfirmation(rawValue: r[8]) ?? .pending, attempts: r[9],
                nextAttemptAt: date(r[10] as Int64?), lastError: r[11], confirmedAt: date(r[12] as Int64?))
        }
    }

    /// The shipments of an order (local id or Amazon order id), oldest first.
    public func shipments(order: String) throws(ShipmentError) -> [Shipment] {
        try shipmentRead { db in
            let id = try AppDatabase.resolveOrder(db, order)
            return try AppDatabase.shipments(db, where: "s.sales_order = ? ORDER BY s.package_reference", [id])
        }
    }

    /// Confirmations waiting in the outbox whose attempt is due at `now`, oldest first.
    public func dueShipmentConfirmations(now: Date, limit: Int) throws(StoreError) -> [Shipment] {
        try read { db in
            try AppDatabase.shipments(
                db, where: "s.confirmation = 'pending' AND s.next_attempt_at <= ? ORDER BY s.next_attempt_at, s.id LIMIT ?",
                [AppDatabase.ms(now), limit])
        }
    }

    /// Every confirmation still waiting in the outbox (due or backing off), for status and retries views.
    public func pendingShipmentConfirmations(channel: ChannelName? = nil) throws(StoreError) -> [Shipment] {
        try read { db in
            try AppDatabase.shipments(
                db, where: "s.confirmation = 'pending' AND (?1 IS NULL OR o.channel = ?1) ORDER BY s.next_attempt_at, s.id",
                [channel?.rawValue])
        }
    }

    /// When the earliest waiting confirmation is due; nil when the outbox is empty.
    public func nextShipmentConfirmationDue() throws(StoreError) -> Date? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT min(next_attempt_at) FROM shipment WHERE confirmation = 'pending'")
                .map(AppDatabase.date)
        }
    }

    /// Amazon accepted the confirmation: it leaves the outbox.
    public func markShipmentConfirmed(_ id: Shipment.ID, attempts: Int, now: Date) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE shipment SET confirmation = 'confirmed', confirmed_at = ?, next_attempt_at = NULL,
                        attempts = ?, last_error = NULL
                    WHERE id = ? AND confirmation = 'pending'
                    """,
                arguments: [AppDatabase.ms(now), attempts, id])
        }
    }

    /// A transient failure: the confirmation stays in the outbox, due again at `nextAttemptAt`.
    public func deferShipmentConfirmation(_ id: Shipment.ID, attempts: Int, nextAttemptAt: Date, error: String)
        throws(StoreError)
    {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE shipment SET attempts = ?, next_attempt_at = ?, last_error = ?
                    WHERE id = ? AND confirmation = 'pending'
                    """,
                arguments: [attempts, AppDatabase.ms(nextAttemptAt), error, id])
        }
    }

    /// Amazon refused the confirmation for good (a 4xx), or the last attempt failed: it leaves the outbox as
    /// `failed` with the reason, for the seller to see; the shipment itself stays recorded.
    public func failShipmentConfirmation(_ id: Shipment.ID, attempts: Int, error: String) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE shipment SET confirmation = 'failed', next_attempt_at = NULL, attempts = ?, last_error = ?
                    WHERE id = ? AND confirmation = 'pending'
                    """,
                arguments: [attempts, error, id])
        }
    }
}
