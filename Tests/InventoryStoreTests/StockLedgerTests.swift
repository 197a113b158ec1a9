import Foundation
import Testing
import Inventory
import InventoryStore

/// The append-only ledger, stock figures, the outbox (R16, R22, R26) and listings (R13–R15).
struct StockLedgerTests {
    func seedItem(_ t: TemporaryDatabase, _ sku: String = "SKU-1") throws {
        try t.db.upsertListings(channel: shopUS, listings: [IncomingListing(sku: sku, title: "Mug")])
    }

    @Test func ledgerSumsAndAdjustments() throws {
        let t = try inventoryDatabase()
        try seedItem(t)
        try t.db.addWarehouse(name: "East")
        try t.db.recordStockMovement(sku: "SKU-1", warehouse: "Main", delta: 10, kind: .initial, reference: nil, reason: nil)
        try t.db.recordStockMovement(sku: "SKU-1", warehouse: "East", delta: 4, kind: .transfer, reference: "T1", reason: nil)
        try t.db.adjustStock(sku: "SKU-1", warehouse: "Main", change: .delta(-3), reason: "broken")
        #expect(try available(t, "SKU-1") == 7)
        // R26: a counted quantity records the difference as an adjustment.
        let m = try #require(try t.db.adjustStock(sku: "SKU-1", warehouse: "East", change: .newQuantity(9), reason: "count"))
        #expect(m.delta == 5 && m.kind == .adjustment)
        #expect(try t.db.adjustStock(sku: "SKU-1", warehouse: "East", change: .newQuantity(9), reason: "count") == nil)
        #expect(try t.db.stock(sku: "SKU-1").map(\.available) == [7, 9])
        #expect(try t.db.stockMovements(sku: "SKU-1").count == 4)
        // The counted quantity includes what open orders still hold on the shelf.
        try t.db.upsertOrders(channel: shopUS, orders: [order("A")], cursor: nil)
        let main = try #require(try t.db.stock(sku: "SKU-1").first)
        #expect(main.onHand == 7 && main.committed == 2 && main.available == 5)
        try t.db.adjustStock(sku: "SKU-1", warehouse: "Main", change: .newQuantity(6), reason: "count")
        #expect(try available(t, "SKU-1") == 4)
    }

    @Test func errorsAreNamed() throws {
        let t = try inventoryDatabase()
        try seedItem(t)
        #expect(throws: StoreError.noSuchItem("NOPE")) {
            try t.db.adjustStock(sku: "NOPE", warehouse: "Main", change: .delta(1), reason: "x")
        }
        #expect(throws: StoreError.noSuchWarehouse("Nowhere")) {
            try t.db.adjustStock(sku: "SKU-1", warehouse: "Nowhere", change: .delta(1), reason: "x")
        }
        #expect(throws: StoreError.self) {
            try t.db.adjustStock(sku: "SKU-1", warehouse: "Main", change: .newQuantity(-1), reason: "x")
        }
        #expect(throws: StoreError.warehouseExists("Main")) { try t.db.addWarehouse(name: "Main") }
        #expect(throws: StoreError.self) {
            try t.db.recordStockMovement(sku: "SKU-1", warehouse: "Main", delta: 1, kind: .order, reference: nil, reason: nil)
        }
    }

    @Test func ledgerIsAppendOnly() throws {
        let t = try inventoryDatabase()
        try seedItem(t)
        try t.db.recordStockMovement(sku: "SKU-1", warehouse: "Main", delta: 10, kind: .initial, reference: nil, reason: nil)
        #expect(throws: StoreError.self) { try t.db.executeForTesting("UPDATE stock_movement SET delta = 99") }
        #expect(throws: StoreError.self) { try t.db.executeForTesting("DELETE FROM stock_movement") }
        #expect(try available(t, "SKU-1") == 10)
    }

    @Test func warehouses() throws {
        let t = try inventoryDatabase()
        try t.db.addWarehouse(name: "Amazon FBA", kind: .fba)
        #expect(try t.db.warehouses() == [
            Warehouse(name: "Main", isPrimary: true, kind: .regular),
            Warehouse(name: "Amazon FBA", isPrimary: false, kind: .fba),
        ])
        try t.db.setPrimaryWarehouse(name: "Depot")
        try t.db.setPrimaryWarehouse(name: "Depot")
        #expect(try t.db.warehouses().filter(\.isPrimary).map(\.name) == ["Depot"])
        #expect(try t.db.warehouses().count == 3)
    }

    @Test func outboxCoalescesBurstsAndSurvivesConcurrentChange() throws {
        // R16: a burst of changes to one SKU is one push; a change after the read is not lost.
        let t = try inventoryDatabase()
        try t.db.registerChannels([try channel("shop-us"), try channel("shop-uk", .uk)])
        try t.db.setStockSync(channel: shopUS, active: true, fbaWarehouse: nil, mappedWarehouse: nil)
        try seedItem(t)
        try t.db.upsertListings(channel: try ChannelName("shop-uk"), listings: [IncomingListing(sku: "SKU-1")])
        for i in 1...20 {
            try t.db.adjustStock(sku: "SKU-1", warehouse: "Main", change: .delta(1), reason: "burst \(i)")
        }
        let entries = try t.db.takeStockOutbox(limit: 10)
        #expect(entries.count == 2)  // one per channel listing, not 20
        let us = try #require(entries.first { $0.channel == shopUS })
        #expect(us.desiredQuantity == 20 && us.acknowledgedQuantity == nil)
        let uk = try #require(entries.first { $0.channel.rawValue == "shop-uk" })
        #expect(uk.desiredQuantity == nil)  // stock sync inactive on that channel
        try t.db.adjustStock(sku: "SKU-1", warehouse: "Main", change: .delta(-5), reason: "after read")
        try t.db.acknowledgePush(channel: shopUS, sku: "SKU-1", quantity: 20, version: us.version)
        let again = try #require(try t.db.takeStockOutbox(limit: 10).first { $0.channel == shopUS })
        #expect(again.desiredQuantity == 15 && again.acknowledgedQuantity == 20)
        try t.db.acknowledgePush(channel: shopUS, sku: "SKU-1", quantity: 15, version: again.version)
        try t.db.discardStockOutbox(channel: uk.channel, sku: uk.sku, version: uk.version + 100)
        #expect(try t.db.takeStockOutbox(limit: 10).isEmpty)
        let listing = try #require(try t.db.listing(channel: shopUS, sku: "SKU-1"))
        #expect(listing.pushedQuantity == 15 && listing.amazonQuantity == 15)
    }

    @Test func desiredQuantityUsesSourceAndNeverNegative() throws {
        // R22 organisation level excluding FBA stock, R23 mapped warehouse, never below zero.
        let t = try inventoryDatabase()
        try t.db.addWarehouse(name: "East")
        try t.db.addWarehouse(name: "Amazon FBA", kind: .fba)
        try t.db.setStockSync(channel: shopUS, active: true, fbaWarehouse: nil, mappedWarehouse: nil)
        try seedItem(t)
        try t.db.recordStockMovement(sku: "SKU-1", warehouse: "Main", delta: 3, kind: .initial, reference: nil, reason: nil)
        try t.db.recordStockMovement(sku: "SKU-1", warehouse: "East", delta: 4, kind: .initial, reference: nil, reason: nil)
        try t.db.recordStockMovement(sku: "SKU-1", warehouse: "Amazon FBA", delta: 50, kind: .transfer, reference: nil, reason: nil)
        #expect(try t.db.takeStockOutbox(limit: 1).first?.desiredQuantity == 7)
        try t.db.setStockSync(channel: shopUS, active: true, fbaWarehouse: nil, mappedWarehouse: "East")
        #expect(try t.db.takeStockOutbox(limit: 1).first?.desiredQuantity == 4)
        try t.db.adjustStock(sku: "SKU-1", warehouse: "East", change: .delta(-10), reason: "oversold")
        #expect(try t.db.takeStockOutbox(limit: 1).first?.desiredQuantity == 0)
    }

    @Test func listingsLinkUnlinkConfirm() throws {
        // R13 automatic unconfirmed items, R14 link and unlink, R15 variation limit.
        let t = try inventoryDatabase()
        let task = try t.db.startTask(channel: shopUS, module: .items, trigger: .manual, now: t0)
        let r = try t.db.upsertListings(
            channel: shopUS,
            listings: [
                IncomingListing(sku: "MUG-MFN", asin: "B01", title: "Mug"),
                IncomingListing(sku: "MUG-FBA", asin: "B01", title: "Mug", fulfillment: .fba, amazonQuantity: 12),
                IncomingListing(sku: "SHIRT", variationFamily: "P1", variationAttributes: ["color", "size", "sleeve", "fit"]),
            ], task: task)
        #expect(r.map(\.action.isRejected) == [false, false, true])
        #expect(try t.db.listing(channel: shopUS, sku: "SHIRT") == nil)
        let (info, records) = try #require(try t.db.task(id: task))
        #expect(info.synced == 2 && info.failed == 1)
        #expect(records.last?.reason?.contains("variation") == true)
        #expect(try t.db.unconfirmedListings().count == 2)
        #expect(try t.db.items(confirmed: false).map(\.sku) == ["MUG-FBA", "MUG-MFN"])
        #expect(try t.db.listing(channel: shopUS, sku: "MUG-FBA")?.amazonQuantity == 12)

        // Merge the FBA listing into the MFN item (R14).
        try t.db.confirmListing(channel: shopUS, sku: "MUG-MFN")
        try t.db.linkListing(channel: shopUS, sku: "MUG-FBA", toItem: "MUG-MFN")
        #expect(try t.db.listings(itemSku: "MUG-MFN").map(\.sku) == ["MUG-FBA", "MUG-MFN"])
        #expect(try t.db.unconfirmedListings().isEmpty)
        #expect(try t.db.item(sku: "MUG-MFN")?.confirmed == true)
        try t.db.unlinkListing(channel: shopUS, sku: "MUG-FBA")
        let unlinked = try #require(try t.db.listing(channel: shopUS, sku: "MUG-FBA"))
        #expect(unlinked.itemSku == nil && !unlinked.confirmed)
        // Syncing it again keeps it unlinked until the seller links it.
        try t.db.upsertListings(channel: shopUS, listings: [IncomingListing(sku: "MUG-FBA", fulfillment: .fba)])
        #expect(try t.db.listing(channel: shopUS, sku: "MUG-FBA")?.itemSku == nil)
        // A new listing whose SKU matches an item links to it, confirmed.
        try t.db.upsertListings(channel: shopUS, listings: [IncomingListing(sku: "MUG-MFN")]).forEach { #expect($0.action == .updated) }
        try t.db.markFulfillment(skus: ["MUG-MFN", "MUG-FBA"], .fba)
        #expect(try t.db.items(fulfillment: .fba).count == 2)
        #expect(throws: StoreError.noSuchItem("ZZZ")) { try t.db.markFulfillment(skus: ["MUG-MFN", "ZZZ"], .mfn) }
        #expect(try t.db.item(sku: "MUG-MFN")?.fulfillment == .fba)  // all or nothing
        #expect(throws: StoreError.noSuchListing(channel: "shop-us", sku: "X")) {
            try t.db.linkListing(channel: shopUS, sku: "X", toItem: "MUG-MFN")
        }
    }

    @Test func ordersOfUnlinkedListingTakeStockAfterRelinkAndResync() throws {
        // R10, R14: unlinked listing, fixed, resynced.
        let t = try inventoryDatabase()
        try seedItem(t)
        try t.db.upsertListings(channel: shopUS, listings: [IncomingListing(sku: "OTHER")])
        try t.db.unlinkListing(channel: shopUS, sku: "SKU-1")
        try t.db.upsertOrders(channel: shopUS, orders: [order("A")], cursor: nil)
        #expect(try t.db.rowCount(table: "stock_movement") == 0)
        try t.db.linkListing(channel: shopUS, sku: "SKU-1", toItem: "OTHER")
        try t.db.upsertOrders(channel: shopUS, orders: [order("A")], cursor: nil)
        #expect(try available(t, "OTHER") == -2)
        #expect(try available(t, "SKU-1") == 0)
    }
}

extension ListingUpsertResult.Action {
    var isRejected: Bool {
        if case .rejected = self { return true }
        return false
    }
}
