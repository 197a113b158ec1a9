import Foundation
import GRDB
import Inventory

/// Local (offline) sales orders and their outbound Multi-Channel Fulfilment shipments (R28).
extension AppDatabase {
    // MARK: - Local sales orders

    /// The vault binding of a local order's destination: a blob moved to another order does not open.
    static func localOrderBinding(_ id: LocalSalesOrder.ID) -> Data { Data("invsync-local-order:\(id)".utf8) }

    /// Records a sale made outside Amazon in ONE transaction: the order, its lines (each marked FBA or MFN from
    /// its item), the stock of the MFN lines leaving `warehouse` (primary when nil) as shipment movements with
    /// their stock pushes queued (R16), and the destination sealed in the PII vault (R30) when given.
    /// FBA lines take no stock here: it leaves the FBA warehouse when Amazon ships them (R28).
    public func createSalesOrder(
        customerName: String, lines: [NewSalesOrderLine], warehouse: String?, destination: BuyerPII?, now: Date = Date()
    ) throws(ShipmentError) -> LocalSalesOrder {
        let name = customerName.trimmingCharacters(in: .whitespaces)
        guard (1...200).contains(name.count) else {
            throw .invalidSalesOrder("the customer name must have 1 to 200 characters")
        }
        guard !lines.isEmpty else { throw .invalidSalesOrder("give at least one line (SKU and quantity)") }
        for l in lines where l.quantity < 1 {
            throw .invalidSalesOrder("line \(l.sku) has quantity \(l.quantity): give 1 or more")
        }
        if let d = destination, d.isEmpty == false {
            guard !(d.recipientName ?? "").isEmpty, !(d.addressLines.first ?? "").isEmpty,
                !(d.postalCode ?? "").isEmpty, !(d.countryCode ?? "").isEmpty
            else {
                throw .invalidSalesOrder("a destination needs a name, an address line, a postal code and a country code")
            }
        }
        let sealDestination = destination.flatMap { $0.isEmpty ? nil : $0 }
        if sealDestination != nil, vault == nil { throw .store(.vaultLocked) }
        let vault = self.vault
        let id = try shipmentWrite { db -> Int64 in
            let warehouseName = try warehouse ?? AppDatabase.primaryWarehouseName(db)
            guard let wh = try AppDatabase.warehouseId(db, name: warehouseName, required: false) else {
                throw ShipmentError.store(.noSuchWarehouse(warehouseName))
            }
            let nowMs = AppDatabase.ms(now)
            try db.execute(
                sql: "INSERT INTO local_order (customer_name, warehouse, has_destination, created_at) VALUES (?, ?, ?, ?)",
                arguments: [name, wh, sealDestination != nil, nowMs])
            let id = db.lastInsertedRowID
            for (index, line) in lines.enumerated() {
                guard let item = try Row.fetchOne(db, sql: "SELECT id, fulfillment FROM item WHERE sku = ?", arguments: [line.sku])
                else { throw ShipmentError.store(.noSuchItem(line.sku)) }
                let fulfillment: String = item[1]
                try db.execute(
                    sql: """
                        INSERT INTO local_order_line (local_order, line_no, item, quantity, unit_price, currency, fulfillment)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        id, index + 1, item[0] as Int64, line.quantity, line.unitPrice?.amount, line.unitPrice?.currency,
                        fulfillment,
                    ])
                if fulfillment == Fulfillment.mfn.rawValue {
                    _ = try AppDatabase.appendMovement(
                        db, item: item[0], itemSku: line.sku, warehouse: wh, warehouseName: warehouseName,
                        delta: -line.quantity, kind: .shipment, orderLine: nil,
                        reference: "local/\(LocalSalesOrder.reference(id))/\(index + 1)", reason: "local sale", now: now)
                }
            }
            if let sealDestination, let vault {
                let sealed = try vault.seal(sealDestination, binding: AppDatabase.localOrderBinding(id))
                try db.execute(
                    sql: "INSERT INTO pii_vault (sealed, purge_after, created_at) VALUES (?, NULL, ?)",
                    arguments: [sealed, nowMs])
                try db.execute(
                    sql: "UPDATE local_order SET vault = ? WHERE id = ?", arguments: [db.lastInsertedRowID, id])
            }
            return id
        }
        guard let order = try localSalesOrder(id: id) else { throw .store(.io("local order \(id) vanished")) }
        return order
    }

    static func localOrder(_ db: Database, id: Int64) throws -> LocalSalesOrder? {
        guard let r = try Row.fetchOne(
            db,
            sql: """
                SELECT o.id, o.customer_name, w.name, o.vault, o.has_destination, o.created_at
                FROM local_order o JOIN warehouse w ON w.id = o.warehouse WHERE o.id = ?
                """,
            arguments: [id])
        else { return nil }
        let lines = try Row.fetchAll(
            db,
            sql: """
                SELECT l.line_no, i.sku, l.quantity, l.unit_price, l.currency, l.fulfillment
                FROM local_order_line l JOIN item i ON i.id = l.item WHERE l.local_order = ? ORDER BY l.line_no
                """,
            arguments: [id]
        ).map { l in
            let price: Money? = {
                guard let amount: String = l[3], let currency: String = l[4] else { return nil }
                return try? Money(amount: amount, currency: currency)
            }()
            return LocalSalesOrderLine(
                lineNumber: l[0], sku: l[1], quantity: l[2], unitPrice: price,
                fulfillment: Fulfillment(rawValue: l[5]) ?? .mfn)
        }
        let vault: Int64? = r[3]
        let destination: PIIState = vault != nil ? .present : ((r[4] as Bool) ? .purged : .none)
        return LocalSalesOrder(
            id: id, customerName: r[1], warehouse: r[2], lines: lines, destination: destination,
            createdAt: date(r[5] as Int64))
    }

    /// One local sales order; its destination is only said to be present, never returned (R32).
    public func localSalesOrder(id: LocalSalesOrder.ID) throws(ShipmentError) -> LocalSalesOrder? {
        try shipmentRead { db in try AppDatabase.localOrder(db, id: id) }
    }

    // MARK: - Outbound shipments (R28)

    /// The local order id of a reference `L<id>`, refusing Amazon orders and unknown ids by name.
    static func resolveLocalOrder(_ db: Database, _ order: String) throws -> LocalSalesOrder {
        guard let id = LocalSalesOrder.id(fromReference: order) else {
            // Two probes of keys (the id; the unique key per channel): there is no index on the Amazon order id alone.
            if try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM sales_order WHERE id = ?2)
                        OR EXISTS (SELECT 1 FROM sales_order WHERE channel IN (SELECT name FROM channel) AND amazon_order_id = ?1)
                    """,
                arguments: [order, Int64(order)]) == true {
                throw ShipmentError.notShippable(
                    order: order, reason: "outbound shipments are for local sales orders (L<id>); Amazon ships AFN orders itself")
            }
            throw ShipmentError.store(.noSuchOrder(order))
        }
        guard let local = try localOrder(db, id: id) else { throw ShipmentError.store(.noSuchOrder(order)) }
        return local
    }

    /// Puts an MCF request for the FBA lines of a local order in the outbox, in ONE transaction (decision 5),
    /// through the first enabled channel with an FBA warehouse. Idempotent: asking again returns the shipment
    /// already recorded, whose `sellerFulfillmentOrderId` is derived from the order, so Amazon gets one MCF order.
    public func requestOutboundShipment(order: String, now: Date = Date()) throws(ShipmentError) -> OutboundShipment {
        try shipmentWrite { db in
            let local = try AppDatabase.resolveLocalOrder(db, order)
            if let existing = try AppDatabase.outbound(db, local: local) { return existing }
            guard local.lines.contains(where: { $0.fulfillment == .fba }) else {
                throw ShipmentError.noFBALines(order: local.reference)
            }
            guard local.destination == .present else { throw ShipmentError.noDestination(order: local.reference) }
            guard let channel = try Row.fetchOne(
                db,
                sql: """
                    SELECT s.channel, w.id FROM channel_setting s JOIN warehouse w ON w.name = s.fba_warehouse
                    WHERE s.enabled = 1 ORDER BY s.channel LIMIT 1
                    """)
            else { throw ShipmentError.noFBAChannel }
            let nowMs = AppDatabase.ms(now)
            try db.execute(
                sql: """
                    INSERT INTO outbound_shipment (local_order, channel, seller_fulfillment_order_id, warehouse, request,
                                                   next_attempt_at, created_at, updated_at)
                    VALUES (?, ?, ?, ?, 'requested', ?, ?, ?)
                    """,
                arguments: [
                    local.id, channel[0] as String, OutboundShipment.sellerFulfillmentOrderId(for: local.id),
                    channel[1] as Int64, nowMs, nowMs, nowMs,
                ])
            return try AppDatabase.outbound(db, local: local)!
        }
    }

    static func outbound(_ db: Database, local: LocalSalesOrder) throws -> OutboundShipment? {
        guard let r = try Row.fetchOne(
            db,
            sql: """
                SELECT s.channel, s.seller_fulfillment_order_id, w.name, s.request, s.amazon_status, s.status_updated_at,
                       s.carrier, s.tracking_number, s.attempts, s.last_error, s.stock_moved_at
                FROM outbound_shipment s JOIN warehouse w ON w.id = s.warehouse WHERE s.local_order = ?
                """,
            arguments: [local.id])
        else { return nil }
        return OutboundShipment(
            order: local.id, channel: try ChannelName(r[0] as String), sellerFulfillmentOrderId: r[1], warehouse: r[2],
            request: OutboundShipmentRequest(rawValue: r[3]) ?? .requested, amazonStatus: r[4],
            statusUpdatedAt: date(r[5] as Int64?), carrier: r[6], trackingNumber: r[7],
            fbaLines: local.lines.filter { $0.fulfillment == .fba }, sellerLines: local.lines.filter { $0.fulfillment == .mfn },
            attempts: r[8], lastError: r[9], stockMovedAt: date(r[10] as Int64?))
    }

    /// The outbound shipment of a local order (`L<id>`); `.noOutboundShipment` when none was asked for.
    public func outboundShipment(order: String) throws(ShipmentError) -> OutboundShipment {
        try shipmentRead { db in
            let local = try AppDatabase.resolveLocalOrder(db, order)
            guard let o = try AppDatabase.outbound(db, local: local) else {
                throw ShipmentError.noOutboundShipment(order: local.reference)
            }
            return o
        }
    }

    /// The request with its destination opened from the vault, for the engine to send. Carries PII: never log it.
    public func outboundSubmission(order: LocalSalesOrder.ID) throws(ShipmentError) -> OutboundSubmission {
        guard let vault else { throw .store(.vaultLocked) }
        let found: (OutboundShipment, Data?, Date) = try shipmentRead { db in
            let local = try AppDatabase.resolveLocalOrder(db, LocalSalesOrder.reference(order))
            guard let o = try AppDatabase.outbound(db, local: local) else {
                throw ShipmentError.noOutboundShipment(order: local.reference)
            }
            let sealed = try Data.fetchOne(
                db, sql: "SELECT v.sealed FROM local_order o JOIN pii_vault v ON v.id = o.vault WHERE o.id = ?",
                arguments: [order])
            return (o, sealed, local.createdAt)
        }
        guard let sealed = found.1 else { throw .noDestination(order: LocalSalesOrder.reference(order)) }
        let destination: BuyerPII
        do { destination = try vault.open(sealed, binding: AppDatabase.localOrderBinding(order)) } catch {
            throw .store(error)
        }
        return OutboundSubmission(shipment: found.0, destination: destination, orderDate: found.2)
    }

    /// Local orders whose MCF request waits in the outbox and is due at `now`.
    public func dueOutboundRequests(now: Date, limit: Int) throws(StoreError) -> [LocalSalesOrder.ID] {
        try read { db in
            try Int64.fetchAll(
                db, sql: """
                    SELECT local_order FROM outbound_shipment WHERE request = 'requested' AND next_attempt_at <= ?
                    ORDER BY next_attempt_at LIMIT ?
                    """,
                arguments: [AppDatabase.ms(now), limit])
        }
    }

    /// When the earliest waiting MCF request is due; nil when none waits.
    public func nextOutboundRequestDue() throws(StoreError) -> Date? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT min(next_attempt_at) FROM outbound_shipment WHERE request = 'requested'")
                .map(AppDatabase.date)
        }
    }

    /// Amazon has the MCF order (created now, or found already created after a retry or crash).
    public func markOutboundAccepted(order: LocalSalesOrder.ID, attempts: Int, now: Date) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE outbound_shipment SET request = 'accepted', next_attempt_at = NULL, attempts = ?,
                        last_error = NULL, updated_at = ?
                    WHERE local_order = ? AND request = 'requested'
                    """,
                arguments: [attempts, AppDatabase.ms(now), order])
        }
    }

    /// A transient failure: the request stays in the outbox, due again at `nextAttemptAt`.
    public func deferOutboundRequest(order: LocalSalesOrder.ID, attempts: Int, nextAttemptAt: Date, error: String, now: Date)
        throws(StoreError)
    {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE outbound_shipment SET attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ?
                    WHERE local_order = ? AND request = 'requested'
                    """,
                arguments: [attempts, AppDatabase.ms(nextAttemptAt), error, AppDatabase.ms(now), order])
        }
    }

    /// Amazon refused the MCF order for good: it leaves the outbox with Amazon's message.
    public func refuseOutboundRequest(order: LocalSalesOrder.ID, attempts: Int, error: String, now: Date) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE outbound_shipment SET request = 'refused', next_attempt_at = NULL, attempts = ?,
                        last_error = ?, updated_at = ?
                    WHERE local_order = ? AND request = 'requested'
                    """,
                arguments: [attempts, error, AppDatabase.ms(now), order])
        }
    }

    /// Accepted MCF orders of a channel whose stock has not left the FBA warehouse yet: what the tracker follows.
    public func openOutboundShipments(channel: ChannelName) throws(StoreError) -> [OutboundShipment] {
        do {
            return try shipmentRead { db in
                let ids = try Int64.fetchAll(
                    db, sql: """
                        SELECT local_order FROM outbound_shipment
                        WHERE channel = ? AND request = 'accepted' AND stock_moved_at IS NULL ORDER BY local_order
                        """,
                    arguments: [channel.rawValue])
                return try ids.compactMap { id in
                    try AppDatabase.localOrder(db, id: id).flatMap { try AppDatabase.outbound(db, local: $0) }
                }
            }
        } catch {
            if case .store(let e) = error { throw e }
            throw .io("\(error)")
        }
    }

    /// Stores what Amazon says of an MCF order, in ONE transaction. When `shipped` gives the shipped units per
    /// line number (Amazon completed the order), they leave the FBA warehouse as shipment movements, with their
    /// stock pushes queued — exactly once: `stock_moved_at` is set in the same transaction and checked first.
    @discardableResult
    public func recordOutboundStatus(
        order: LocalSalesOrder.ID, amazonStatus: String, statusUpdatedAt: Date?, carrier: String?,
        trackingNumber: String?, shipped: [Int: Int]?, now: Date = Date()
    ) throws(ShipmentError) -> OutboundShipment {
        try shipmentWrite { db in
            let local = try AppDatabase.resolveLocalOrder(db, LocalSalesOrder.reference(order))
            guard let current = try AppDatabase.outbound(db, local: local) else {
                throw ShipmentError.noOutboundShipment(order: local.reference)
            }
            let nowMs = AppDatabase.ms(now)
            try db.execute(
                sql: """
                    UPDATE outbound_shipment SET amazon_status = ?, status_updated_at = ?,
                        carrier = coalesce(?, carrier), tracking_number = coalesce(?, tracking_number), updated_at = ?
                    WHERE local_order = ?
                    """,
                arguments: [amazonStatus, AppDatabase.ms(statusUpdatedAt), carrier, trackingNumber, nowMs, order])
            if let shipped, current.stockMovedAt == nil, current.request == .accepted {
                let wh = try AppDatabase.warehouseId(db, name: current.warehouse)!
                for line in current.fbaLines {
                    let units = min(line.quantity, max(0, shipped[line.lineNumber] ?? 0))
                    guard units > 0 else { continue }
                    let item = try AppDatabase.itemId(db, sku: line.sku)
                    _ = try AppDatabase.appendMovement(
                        db, item: item, itemSku: line.sku, warehouse: wh, warehouseName: current.warehouse,
                        delta: -units, kind: .shipment, orderLine: nil,
                        reference: "mcf/\(current.sellerFulfillmentOrderId)/\(line.lineNumber)",
                        reason: "shipped by Amazon (MCF)", now: now)
                }
                try db.execute(
                    sql: "UPDATE outbound_shipment SET stock_moved_at = ? WHERE local_order = ?", arguments: [nowMs, order])
                // The order is fulfilled: its destination is shredded on the R31 schedule, like an Amazon buyer's.
                try db.execute(
                    sql: "UPDATE pii_vault SET purge_after = ? WHERE id = (SELECT vault FROM local_order WHERE id = ?)",
                    arguments: [AppDatabase.ms(PIIPolicy.default.purgeAfter(fulfilledAt: now)), order])
            }
            return try AppDatabase.outbound(db, local: local)!
        }
    }
}
