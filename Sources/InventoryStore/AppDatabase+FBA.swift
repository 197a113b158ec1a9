import Foundation
import GRDB
import Inventory

/// FBA stock (R25, R26) and inbound shipments (R29): Amazon's FBA figures per listing, marking items FBA with the
/// stock Amazon holds, and the two legs of an inbound transfer recorded once each.
extension AppDatabase {
    /// One FBA item's stock on one channel: the FBA warehouse's on-hand and Amazon's last known fulfillable figure.
    public struct FBAStockFigure: Sendable, Equatable {
        public var channel: ChannelName
        public var sku: String
        public var warehouse: String
        /// On hand in the channel's FBA warehouse (the ledger).
        public var local: Int
        /// Amazon's fulfillable quantity as last fetched (sum over the item's FBA listings); nil = never fetched.
        public var amazon: Int?
        /// The SKUs Amazon knows the item by on this channel: its FBA listings, else the item's own SKU.
        public var listingSkus: [String]
        public var mismatch: Bool { amazon.map { $0 != local } ?? false }
    }

    /// One SKU of one inbound shipment as the daemon tracks it (R29).
    public struct InboundShipmentLine: Sendable, Equatable {
        public var channel: ChannelName
        public var inboundPlanId: String
        public var shipmentId: String
        public var sku: String
        public var status: String
        public var quantity: Int
        public var sourceWarehouse: String
        public var fbaWarehouse: String
        /// Whether the units left the source warehouse (the transfer's first leg is recorded).
        public var shipped: Bool
        /// Whether the units arrived in the FBA warehouse (the second leg is recorded).
        public var received: Bool
        /// Whether the shipment was cancelled after it left and the units were put back into the source.
        public var returned: Bool
        /// Whether the SKU matches an item; a line without one moves no stock until the item exists.
        public var matched: Bool
        public var updatedAt: Date
    }

    /// What a shipment's status means for its stock (the model's statuses, 2024-03-20).
    public enum InboundStage: Sendable, Equatable {
        /// Not sent yet (UNCONFIRMED, WORKING, READY_TO_SHIP, or a status the model may add).
        case preparing
        /// On its way or being received (SHIPPED, IN_TRANSIT, DELIVERED, CHECKED_IN, RECEIVING, MIXED).
        case shipped
        /// Amazon finished receiving (CLOSED).
        case received
        /// Abandoned before or after sending (CANCELLED, DELETED, ABANDONED).
        case cancelled

        public init(status: String) {
            switch status {
            case "SHIPPED", "IN_TRANSIT", "DELIVERED", "CHECKED_IN", "RECEIVING", "MIXED": self = .shipped
            case "CLOSED": self = .received
            case "CANCELLED", "DELETED", "ABANDONED": self = .cancelled
            default: self = .preparing
            }
        }
    }

    // MARK: - FBA stock (R25, R26)

    /// The channels with an FBA warehouse (R24), by name.
    public func fbaChannels() throws(StoreError) -> [(channel: ChannelName, warehouse: String)] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT channel, fba_warehouse FROM channel_setting WHERE fba_warehouse IS NOT NULL ORDER BY channel
                """)).map { (try ChannelName($0[0] as String), $0[1]) }
        }
    }

    /// The FBA stock figures of `skus` (or, when nil, of every item marked FBA) on a channel with an FBA warehouse.
    public func fbaStockFigures(channel: ChannelName, skus: [String]? = nil) throws(StoreError) -> [FBAStockFigure] {
        try read { db in try AppDatabase.fbaFigures(db, channel: channel, skus: skus) }
    }

    static func fbaFigures(_ db: Database, channel: ChannelName, skus: [String]?) throws -> [FBAStockFigure] {
        guard let warehouse = try String.fetchOne(
            db.cachedStatement(sql: "SELECT fba_warehouse FROM channel_setting WHERE channel = ?"), arguments: [channel.rawValue])
        else { throw StoreError.noFBAWarehouse }
        let wh = try AppDatabase.warehouseId(db, name: warehouse)!
        let items: [(Int64, String)]
        if let skus {
            items = try skus.map { (try AppDatabase.itemId(db, sku: $0), $0) }
        } else {
            items = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, sku FROM item WHERE fulfillment = 'fba' ORDER BY sku"))
                .map { ($0[0], $0[1]) }
        }
        let committed = try AppDatabase.committedByItem(db, warehouse: wh)
        return try items.map { item, sku in
            let listings = try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT sku, amazon_quantity FROM listing WHERE channel = ? AND item = ? AND fulfillment = 'fba' ORDER BY sku
                    """),
                arguments: [channel.rawValue, item])
            let known = listings.compactMap { $0[1] as Int? }
            return FBAStockFigure(
                channel: channel, sku: sku, warehouse: warehouse,
                local: try AppDatabase.available(db, item: item, warehouse: wh) + committed[item, default: 0],
                amazon: known.isEmpty ? nil : known.reduce(0, +),
                listingSkus: listings.isEmpty ? [sku] : listings.map { $0[0] })
        }
    }

    /// Stores Amazon's fulfillable figures (listing SKU → quantity) on the channel's FBA listings (R26) and returns the
    /// figures of the items they belong to, as now stored. Listings the daemon does not know are ignored.
    @discardableResult
    public func recordFBAQuantities(channel: ChannelName, _ quantities: [String: Int], now: Date = Date()) throws(StoreError)
        -> [FBAStockFigure]
    {
        try write { db in
            let update = try db.cachedStatement(sql: """
                UPDATE listing SET amazon_quantity = ?, updated_at = ? WHERE channel = ? AND sku = ? AND fulfillment = 'fba'
                """)
            var items: Set<String> = []
            for (sku, quantity) in quantities.sorted(by: { $0.key < $1.key }) {
                try update.execute(arguments: [max(0, quantity), AppDatabase.ms(now), channel.rawValue, sku])
                if let item = try String.fetchOne(
                    db.cachedStatement(sql: """
                        SELECT i.sku FROM listing l JOIN item i ON i.id = l.item
                        WHERE l.channel = ? AND l.sku = ? AND l.fulfillment = 'fba'
                        """),
                    arguments: [channel.rawValue, sku])
                { items.insert(item) }
            }
            return try AppDatabase.fbaFigures(db, channel: channel, skus: items.sorted())
        }
    }

    /// Marks items FBA with the stock Amazon holds (R25), in one transaction: each item becomes FBA, its FBA listings
    /// on `channel` take Amazon's figure, and the difference from the FBA warehouse's on-hand is recorded there as an
    /// adjustment. `amazon` maps item SKU → fulfillable; an item missing from it (Amazon holds none) counts as 0.
    /// Returns the adjustments recorded (none for an item whose stock already matched).
    @discardableResult
    public func markFBA(skus: [String], channel: ChannelName, amazon: [String: Int], listingQuantities: [String: Int] = [:],
                        now: Date = Date()) throws(StoreError) -> [StockMovement] {
        try write { db in
            guard let warehouse = try String.fetchOne(
                db.cachedStatement(sql: "SELECT fba_warehouse FROM channel_setting WHERE channel = ?"), arguments: [channel.rawValue])
            else { throw StoreError.noFBAWarehouse }
            let wh = try AppDatabase.warehouseId(db, name: warehouse)!
            for (sku, quantity) in listingQuantities {
                try db.run(
                    sql: "UPDATE listing SET amazon_quantity = ? WHERE channel = ? AND sku = ? AND fulfillment = 'fba'",
                    arguments: [max(0, quantity), channel.rawValue, sku])
            }
            // Adjustments change no order, so the units committed are read once for all the items.
            let committed = try AppDatabase.committedByItem(db, warehouse: wh)
            var movements: [StockMovement] = []
            for sku in skus {
                let item = try AppDatabase.itemId(db, sku: sku)
                try db.run(sql: "UPDATE item SET fulfillment = 'fba' WHERE id = ?", arguments: [item])
                let onHand = try AppDatabase.available(db, item: item, warehouse: wh) + committed[item, default: 0]
                let delta = max(0, amazon[sku] ?? 0) - onHand
                guard delta != 0 else { continue }
                movements.append(try AppDatabase.appendMovement(
                    db, item: item, itemSku: sku, warehouse: wh, warehouseName: warehouse, delta: delta, kind: .adjustment,
                    orderLine: nil, reference: "fba:\(channel.rawValue)", reason: "marked FBA: stock Amazon holds", now: now))
            }
            return movements
        }
    }

    // MARK: - Inbound shipments (R29)

    /// Records what Amazon says of one inbound shipment and moves its stock, once per leg, in one transaction (R29):
    /// when it has left (`InboundStage.shipped`) its units leave `sourceWarehouse` (the primary when nil) as a transfer;
    /// when Amazon closes it they arrive in the channel's FBA warehouse as a transfer; cancelled after leaving, they go
    /// back to the source. A SKU without an item is recorded and moves nothing. Returns the movements recorded now
    /// (empty when the shipment was already recorded at this stage, so repeated cycles change nothing).
    @discardableResult
    public func recordInboundShipment(
        channel: ChannelName, inboundPlanId: String, shipmentId: String, status: String, lines: [(sku: String, quantity: Int)],
        sourceWarehouse: String? = nil, now: Date = Date()
    ) throws(StoreError) -> [StockMovement] {
        try write { db in
            try AppDatabase.requireChannel(db, channel)
            guard let fbaName = try String.fetchOne(
                db.cachedStatement(sql: "SELECT fba_warehouse FROM channel_setting WHERE channel = ?"), arguments: [channel.rawValue])
            else { throw StoreError.noFBAWarehouse }
            let fba = try AppDatabase.warehouseId(db, name: fbaName)!
            let nowMs = AppDatabase.ms(now)
            let stage = InboundStage(status: status)
            let reference = "inbound:\(shipmentId)"
            var movements: [StockMovement] = []
            var quantities: [String: Int] = [:]
            for line in lines where line.quantity > 0 { quantities[line.sku, default: 0] += line.quantity }
            for (sku, quantity) in quantities.sorted(by: { $0.key < $1.key }) {
                let item = try Int64.fetchOne(
                    db.cachedStatement(sql: """
                        SELECT coalesce((SELECT item FROM listing WHERE channel = ? AND sku = ?), (SELECT id FROM item WHERE sku = ?))
                        """),
                    arguments: [channel.rawValue, sku, sku])
                var row = try Row.fetchOne(
                    db.cachedStatement(sql: """
                        SELECT source_warehouse, fba_warehouse, moved_quantity, shipped_movement, received_movement, returned_movement
                        FROM inbound_shipment_line WHERE channel = ? AND shipment_id = ? AND sku = ?
                        """),
                    arguments: [channel.rawValue, shipmentId, sku])
                if row == nil {
                    let sourceName = try sourceWarehouse ?? AppDatabase.primaryWarehouseName(db)
                    let source = try AppDatabase.warehouseId(db, name: sourceName)!
                    guard source != fba else {
                        throw StoreError.invalidQuantity(
                            "the inbound source warehouse '\(sourceName)' is the FBA warehouse; name the warehouse the units leave")
                    }
                    try db.run(
                        sql: """
                            INSERT INTO inbound_shipment_line (channel, shipment_id, sku, inbound_plan_id, status, quantity, item,
                                source_warehouse, fba_warehouse, first_seen_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [channel.rawValue, shipmentId, sku, inboundPlanId, status, quantity, item, source, fba, nowMs, nowMs])
                    row = try Row.fetchOne(
                        db.cachedStatement(sql: """
                            SELECT source_warehouse, fba_warehouse, moved_quantity, shipped_movement, received_movement, returned_movement
                            FROM inbound_shipment_line WHERE channel = ? AND shipment_id = ? AND sku = ?
                            """),
                        arguments: [channel.rawValue, shipmentId, sku])
                } else {
                    try db.run(
                        sql: """
                            UPDATE inbound_shipment_line SET status = ?, quantity = ?, item = coalesce(item, ?), updated_at = ?
                            WHERE channel = ? AND shipment_id = ? AND sku = ?
                            """,
                        arguments: [status, quantity, item, nowMs, channel.rawValue, shipmentId, sku])
                }
                guard let row, let item else { continue }
                let source: Int64 = row[0]
                let target: Int64 = row[1]
                let moved: Int? = row[2]
                let shipped = (row[3] as Int64?) != nil
                let received = (row[4] as Int64?) != nil
                let returned = (row[5] as Int64?) != nil
                func leg(_ warehouse: Int64, _ delta: Int, _ reason: String, _ column: String, moved: Int? = nil) throws {
                    let name = try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM warehouse WHERE id = ?"), arguments: [warehouse])!
                    let m = try AppDatabase.appendMovement(
                        db, item: item, itemSku: sku, warehouse: warehouse, warehouseName: name, delta: delta, kind: .transfer,
                        orderLine: nil, reference: reference, reason: reason, now: now)
                    try db.run(
                        sql: "UPDATE inbound_shipment_line SET \(column) = ?, moved_quantity = coalesce(moved_quantity, ?) WHERE channel = ? AND shipment_id = ? AND sku = ?",
                        arguments: [m.id, moved, channel.rawValue, shipmentId, sku])
                    movements.append(m)
                }
                switch stage {
                case .preparing: break
                case .shipped, .received:
                    if !shipped {
                        try leg(source, -quantity, "inbound shipment sent to Amazon", "shipped_movement", moved: quantity)
                    }
                    if stage == .received, !received, !returned {
                        try leg(target, moved ?? quantity, "inbound shipment received by Amazon", "received_movement")
                    }
                case .cancelled:
                    if shipped, !received, !returned, let moved {
                        try leg(source, moved, "inbound shipment cancelled after it was sent", "returned_movement")
                    }
                }
            }
            return movements
        }
    }

    /// Tracked inbound shipment lines, the most recently updated first; optionally of one channel.
    public func inboundShipments(channel: ChannelName? = nil, limit: Int = 500) throws(StoreError) -> [InboundShipmentLine] {
        try read { db in
            try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT l.channel, l.inbound_plan_id, l.shipment_id, l.sku, l.status, l.quantity, s.name, f.name,
                           l.shipped_movement IS NOT NULL, l.received_movement IS NOT NULL, l.returned_movement IS NOT NULL,
                           l.item IS NOT NULL, l.updated_at
                    FROM inbound_shipment_line l
                    JOIN warehouse s ON s.id = l.source_warehouse JOIN warehouse f ON f.id = l.fba_warehouse
                    WHERE (?1 IS NULL OR l.channel = ?1)
                    ORDER BY l.updated_at DESC, l.channel, l.shipment_id, l.sku LIMIT ?2
                    """),
                arguments: [channel?.rawValue, limit]
            ).map { r in
                InboundShipmentLine(
                    channel: try ChannelName(r[0] as String), inboundPlanId: r[1], shipmentId: r[2], sku: r[3], status: r[4],
                    quantity: r[5], sourceWarehouse: r[6], fbaWarehouse: r[7], shipped: r[8], received: r[9], returned: r[10],
                    matched: r[11], updatedAt: AppDatabase.date(r[12] as Int64))
            }
        }
    }

    /// Shipments still moving (not received, not cancelled), for the tracker to ask Amazon about even when their
    /// plan no longer shows in the recent pages.
    public func openInboundShipments(channel: ChannelName) throws(StoreError) -> [(inboundPlanId: String, shipmentId: String)] {
        try read { db in
            try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT DISTINCT inbound_plan_id, shipment_id FROM inbound_shipment_line
                    WHERE channel = ? AND received_movement IS NULL AND returned_movement IS NULL
                      AND status NOT IN ('CANCELLED','DELETED','ABANDONED')
                    ORDER BY inbound_plan_id, shipment_id
                    """),
                arguments: [channel.rawValue]
            ).map { ($0[0], $0[1]) }
        }
    }
}
