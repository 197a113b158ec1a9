import Foundation
import GRDB
import Inventory

/// Items and channel listings: automatic items for unknown SKUs (R13), link, unlink and confirm (R14),
/// the variation limit (R15), FBA or MFN marking (R25).
extension AppDatabase {
    /// Stores one page of a channel's listings in one transaction. A listing whose SKU matches an item links
    /// to it; otherwise an unconfirmed item is created (R13). A listing of a family with more than three
    /// variation attributes is not stored at all (R15: "not synced") and is recorded as a failed record with
    /// the reason when `task` is given. New and relinked MFN listings are enqueued for a stock push (R16).
    @discardableResult
    public func upsertListings(
        channel: ChannelName, listings: [IncomingListing], task: SyncTask.ID? = nil, now: Date = Date()
    ) throws(StoreError) -> [ListingUpsertResult] {
        try write { db in
            try AppDatabase.requireChannel(db, channel)
            if let task { try AppDatabase.requireRunning(db, task: task) }
            var results: [ListingUpsertResult] = []
            var records: [TaskRecord] = []
            for l in listings {
                switch ListingAdmission.decide(l) {
                case .reject(let reason):
                    results.append(ListingUpsertResult(sku: l.sku, itemSku: nil, action: .rejected(reason: reason)))
                    records.append(TaskRecord(recordId: l.sku, kind: "listing", outcome: .failed, reason: reason))
                case .accept:
                    let existed = try AppDatabase.listingRow(db, channel, l.sku) != nil
                    let (listingId, itemId) = try AppDatabase.ensureListing(
                        db, channel: channel, sku: l.sku, asin: l.asin, title: l.title, fulfillment: l.fulfillment,
                        now: now)
                    let attributes = String(decoding: try JSONEncoder().encode(l.variationAttributes), as: UTF8.self)
                    try db.run(
                        sql: """
                            UPDATE listing SET asin = coalesce(?, asin), fulfillment = ?, variation_family = ?,
                                variation_attributes = ?, amazon_quantity = coalesce(?, amazon_quantity), updated_at = ?
                            WHERE id = ?
                            """,
                        arguments: [
                            l.asin, l.fulfillment.rawValue, l.variationFamily, attributes, l.amazonQuantity,
                            AppDatabase.ms(now), listingId,
                        ])
                    if !existed, let itemId { try AppDatabase.enqueuePush(db, items: [itemId], now: now) }
                    let itemSku = try itemId.flatMap {
                        try String.fetchOne(db.cachedStatement(sql: "SELECT sku FROM item WHERE id = ?"), arguments: [$0])
                    }
                    results.append(ListingUpsertResult(sku: l.sku, itemSku: itemSku, action: existed ? .updated : .created))
                    records.append(TaskRecord(recordId: l.sku, kind: "listing", outcome: .synced))
                }
            }
            if let task { try AppDatabase.insertRecords(db, task: task, records) }
            return results
        }
    }

    /// The listing's row id and item; an unknown listing is created, linked to the item of the same SKU or
    /// to a new unconfirmed item (R13). A listing the seller unlinked stays unlinked (item nil) until linked.
    static func ensureListing(
        _ db: Database, channel: ChannelName, sku: String, asin: String?, title: String?, fulfillment: Fulfillment,
        now: Date
    ) throws -> (listing: Int64, item: Int64?) {
        if let row = try listingRow(db, channel, sku) { return (row[0], row[1]) }
        let nowMs = AppDatabase.ms(now)
        let itemId: Int64
        let confirmed: Bool
        if let existing = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM item WHERE sku = ?"), arguments: [sku]) {
            itemId = existing
            confirmed = true
        } else {
            try db.run(
                sql: "INSERT INTO item (sku, name, confirmed, fulfillment, created_at) VALUES (?, ?, 0, ?, ?)",
                arguments: [sku, title ?? sku, fulfillment.rawValue, nowMs])
            itemId = db.lastInsertedRowID
            confirmed = false
        }
        try db.run(
            sql: """
                INSERT INTO listing (channel, sku, asin, fulfillment, item, confirmed, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [channel.rawValue, sku, asin, fulfillment.rawValue, itemId, confirmed, nowMs])
        return (db.lastInsertedRowID, itemId)
    }

    static func listingRow(_ db: Database, _ channel: ChannelName, _ sku: String) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT id, item FROM listing WHERE channel = ? AND sku = ?"), arguments: [channel.rawValue, sku])
    }

    static func requireChannel(_ db: Database, _ channel: ChannelName) throws {
        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM channel WHERE name = ?"), arguments: [channel.rawValue]) != nil
        else { throw StoreError.noSuchChannel(channel.rawValue) }
    }

    /// Confirms a listing's automatically created item (R13): both become confirmed.
    public func confirmListing(channel: ChannelName, sku: String) throws(StoreError) {
        try write { db in
            guard let row = try AppDatabase.listingRow(db, channel, sku) else {
                throw StoreError.noSuchListing(channel: channel.rawValue, sku: sku)
            }
            guard let item: Int64 = row[1] else { throw StoreError.noSuchItem(sku) }
            try db.run(sql: "UPDATE item SET confirmed = 1 WHERE id = ?", arguments: [item])
            try db.run(sql: "UPDATE listing SET confirmed = 1 WHERE id = ?", arguments: [row[0] as Int64])
        }
    }

    /// Links a listing to an existing item (R14 merge); the listing counts as confirmed. Its stock source
    /// changes, so it is enqueued for a push.
    public func linkListing(channel: ChannelName, sku: String, toItem itemSku: String, now: Date = Date())
        throws(StoreError)
    {
        try write { db in
            guard let row = try AppDatabase.listingRow(db, channel, sku) else {
                throw StoreError.noSuchListing(channel: channel.rawValue, sku: sku)
            }
            guard let item = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM item WHERE sku = ?"), arguments: [itemSku]) else {
                throw StoreError.noSuchItem(itemSku)
            }
            try db.run(sql: "UPDATE listing SET item = ?, confirmed = 1 WHERE id = ?", arguments: [item, row[0] as Int64])
            try AppDatabase.enqueuePush(db, items: [item], now: now)
        }
    }

    /// Unlinks a listing from its item (R14); it stays unlinked and unconfirmed until linked again, and
    /// order lines of it take no stock meanwhile (a resync after linking takes it).
    public func unlinkListing(channel: ChannelName, sku: String) throws(StoreError) {
        try write { db in
            guard let row = try AppDatabase.listingRow(db, channel, sku) else {
                throw StoreError.noSuchListing(channel: channel.rawValue, sku: sku)
            }
            try db.run(sql: "UPDATE listing SET item = NULL, confirmed = 0 WHERE id = ?", arguments: [row[0] as Int64])
        }
    }

    /// Marks items FBA or MFN (R25), all or none: an unknown SKU refuses the whole batch.
    public func markFulfillment(skus: [String], _ fulfillment: Fulfillment) throws(StoreError) {
        try write { db in
            for sku in skus {
                try db.run(sql: "UPDATE item SET fulfillment = ? WHERE sku = ?", arguments: [fulfillment.rawValue, sku])
                if db.changesCount == 0 { throw StoreError.noSuchItem(sku) }
            }
        }
    }

    public func item(sku: String) throws(StoreError) -> Item? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT sku, name, confirmed, fulfillment FROM item WHERE sku = ?"), arguments: [sku])
                .map(AppDatabase.decodeItem)
        }
    }

    /// Items by SKU, optionally only (un)confirmed or of one fulfilment; page with `after` (the last SKU seen).
    public func items(
        confirmed: Bool? = nil, fulfillment: Fulfillment? = nil, after: String? = nil, limit: Int = 100
    ) throws(StoreError) -> [Item] {
        try read { db in
            try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT sku, name, confirmed, fulfillment FROM item
                    WHERE (?1 IS NULL OR confirmed = ?1) AND (?2 IS NULL OR fulfillment = ?2) AND (?3 IS NULL OR sku > ?3)
                    ORDER BY sku LIMIT ?4
                    """),
                arguments: [confirmed, fulfillment?.rawValue, after, limit]
            ).map(AppDatabase.decodeItem)
        }
    }

    static func decodeItem(_ r: Row) -> Item {
        Item(sku: r[0], name: r[1], confirmed: r[2], fulfillment: Fulfillment(rawValue: r[3]) ?? .mfn)
    }

    private static let listingSelect = """
        SELECT l.channel, l.sku, l.asin, l.fulfillment, i.sku, l.confirmed, l.variation_family,
               l.variation_attributes, l.amazon_quantity, l.pushed_quantity
        FROM listing l LEFT JOIN item i ON i.id = l.item
        """

    static func decodeListing(_ r: Row) throws -> Listing {
        let attributes = (try? JSONDecoder().decode([String].self, from: Data((r[7] as String).utf8))) ?? []
        return Listing(
            channel: try ChannelName(r[0] as String), sku: r[1], asin: r[2],
            fulfillment: Fulfillment(rawValue: r[3]) ?? .mfn, itemSku: r[4], confirmed: r[5], variationFamily: r[6],
            variationAttributes: attributes, amazonQuantity: r[8], pushedQuantity: r[9])
    }

    public func listing(channel: ChannelName, sku: String) throws(StoreError) -> Listing? {
        try read { db in
            try Row.fetchOne(
                db, sql: AppDatabase.listingSelect + " WHERE l.channel = ? AND l.sku = ?", arguments: [channel.rawValue, sku]
            ).map(AppDatabase.decodeListing)
        }
    }

    /// The listings linked to an item (GetItem).
    public func listings(itemSku: String) throws(StoreError) -> [Listing] {
        try read { db in
            try Row.fetchAll(
                db, sql: AppDatabase.listingSelect + " WHERE i.sku = ? ORDER BY l.channel, l.sku", arguments: [itemSku]
            ).map(AppDatabase.decodeListing)
        }
    }

    /// Listings waiting for the seller: automatically created or unlinked (R13, ListUnconfirmed).
    public func unconfirmedListings(limit: Int = 1000) throws(StoreError) -> [Listing] {
        try read { db in
            try Row.fetchAll(
                db, sql: AppDatabase.listingSelect + " WHERE l.confirmed = 0 ORDER BY l.channel, l.sku LIMIT ?",
                arguments: [limit]
            ).map(AppDatabase.decodeListing)
        }
    }
}
