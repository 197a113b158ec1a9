import Foundation
import Testing
import Inventory
import InventoryStore

/// FBA stock figures and marking (R25, R26), multi-listing items (R14), inbound shipment transfers (R29) in the store.
struct FBAStoreTests {
    /// shop-us with an FBA warehouse "FBA" and an item MUG with 20 units in Main, an MFN and an FBA listing linked to it.
    func fbaDatabase() throws -> TemporaryDatabase {
        let t = try inventoryDatabase()
        try t.db.addWarehouse(name: "FBA")
        try t.db.setStockSync(channel: shopUS, active: true, fbaWarehouse: "FBA", mappedWarehouse: nil)
        try t.db.upsertListings(channel: shopUS, listings: [
            IncomingListing(sku: "MUG", title: "Mug"), IncomingListing(sku: "MUG-FBA", title: "Mug", fulfillment: .fba),
        ])
        try t.db.linkListing(channel: shopUS, sku: "MUG-FBA", toItem: "MUG")
        try t.db.recordStockMovement(sku: "MUG", warehouse: "Main", delta: 20, kind: .initial, reference: nil, reason: nil)
        return t
    }

    func onHand(_ t: TemporaryDatabase, _ sku: String, _ warehouse: String) throws -> Int {
        try t.db.stock(sku: sku).first { $0.warehouse == warehouse }?.onHand ?? 0
    }

    @Test func markFBARecordsAmazonsStockAsOneAdjustment() throws {
        // R25: marking FBA records the stock Amazon holds in the FBA warehouse, all or none.
        let t = try fbaDatabase()
        try t.db.upsertListings(channel: shopUS, listings: [IncomingListing(sku: "CUP", title: "Cup")])
        #expect(throws: StoreError.noSuchItem("NOPE")) {
            try t.db.markFBA(skus: ["MUG", "NOPE"], channel: shopUS, amazon: ["MUG": 7])
        }
        #expect(try t.db.item(sku: "MUG")?.fulfillment == .mfn)
        #expect(try onHand(t, "MUG", "FBA") == 0)
        let moves = try t.db.markFBA(skus: ["MUG", "CUP"], channel: shopUS, amazon: ["MUG": 7], listingQuantities: ["MUG-FBA": 7])
        #expect(moves.map(\.itemSku) == ["MUG"])
        #expect(moves.first?.delta == 7 && moves.first?.kind == .adjustment && moves.first?.warehouse == "FBA")
        // MUG-FBA is the item the FBA listing created before it was linked to MUG (R13).
        #expect(try t.db.items(fulfillment: .fba).map(\.sku) == ["CUP", "MUG", "MUG-FBA"])
        #expect(try onHand(t, "MUG", "FBA") == 7)
        #expect(try t.db.listing(channel: shopUS, sku: "MUG-FBA")?.amazonQuantity == 7)
        // Marking again with the same figure records nothing.
        #expect(try t.db.markFBA(skus: ["MUG"], channel: shopUS, amazon: ["MUG": 7]).isEmpty)
        // No FBA warehouse: a named error.
        try t.db.setStockSync(channel: shopUS, active: true, fbaWarehouse: nil, mappedWarehouse: nil)
        #expect(throws: StoreError.noFBAWarehouse) { try t.db.markFBA(skus: ["MUG"], channel: shopUS, amazon: [:]) }
    }

    @Test func figuresShowMismatchUntilAdjusted() throws {
        // R26: a different Amazon figure is a mismatch; AdjustStock records the difference and the mismatch goes.
        let t = try fbaDatabase()
        try t.db.markFBA(skus: ["MUG"], channel: shopUS, amazon: ["MUG": 5])
        var figure = try #require(try t.db.fbaStockFigures(channel: shopUS).first)
        #expect(figure.amazon == nil && !figure.mismatch && figure.listingSkus == ["MUG-FBA"])
        let stored = try t.db.recordFBAQuantities(channel: shopUS, ["MUG-FBA": 9, "UNKNOWN": 3])
        #expect(stored.map(\.sku) == ["MUG"])
        figure = try #require(try t.db.fbaStockFigures(channel: shopUS, skus: ["MUG"]).first)
        #expect(figure.local == 5 && figure.amazon == 9 && figure.mismatch)
        try t.db.adjustStock(sku: "MUG", warehouse: "FBA", change: .newQuantity(9), reason: "FBA count")
        figure = try #require(try t.db.fbaStockFigures(channel: shopUS).first)
        #expect(figure.local == 9 && !figure.mismatch)
    }

    @Test func fbaAndMFNListingsOnOneItemPushOnlyTheMFNOne() throws {
        // R14: an item holds an FBA and an MFN listing of two marketplaces; stock is pushed for the MFN one only (R16).
        let t = try fbaDatabase()
        let shopUK = try ChannelName("shop-uk")
        try t.db.registerChannels([try channel("shop-us"), try channel("shop-uk", .uk)])
        try t.db.setStockSync(channel: shopUK, active: true, fbaWarehouse: nil, mappedWarehouse: nil)
        try t.db.upsertListings(channel: shopUK, listings: [IncomingListing(sku: "MUG-UK", title: "Mug", fulfillment: .fba)])
        try t.db.linkListing(channel: shopUK, sku: "MUG-UK", toItem: "MUG")
        #expect(try t.db.listings(itemSku: "MUG").map { "\($0.channel)/\($0.sku)" } == ["shop-uk/MUG-UK", "shop-us/MUG", "shop-us/MUG-FBA"])
        // Drain what linking enqueued, then change stock: only the MFN listing is waiting.
        for e in try t.db.takeStockOutbox(limit: 100) { try t.db.discardStockOutbox(channel: e.channel, sku: e.sku, version: e.version) }
        try t.db.adjustStock(sku: "MUG", warehouse: "Main", change: .delta(-1), reason: "broken")
        let waiting = try t.db.takeStockOutbox(limit: 100)
        #expect(waiting.map { "\($0.channel)/\($0.sku)" } == ["shop-us/MUG"])
        #expect(waiting.first?.desiredQuantity == 19)
        // Unlinked again: the UK listing leaves the item.
        try t.db.unlinkListing(channel: shopUK, sku: "MUG-UK")
        #expect(try t.db.listings(itemSku: "MUG").map(\.sku) == ["MUG", "MUG-FBA"])
    }

    @Test func inboundShipmentMovesStockOncePerLeg() throws {
        // R29: shipped → out of Main, closed → into FBA; every repeat (cycles, restarts) records nothing more.
        let t = try fbaDatabase()
        let lines = [(sku: "MUG-FBA", quantity: 6)]
        for status in ["WORKING", "WORKING"] {
            #expect(try t.db.recordInboundShipment(channel: shopUS, inboundPlanId: "wf1", shipmentId: "sh1", status: status, lines: lines).isEmpty)
        }
        var line = try #require(try t.db.inboundShipments().first)
        #expect(line.status == "WORKING" && !line.shipped && line.matched && line.sourceWarehouse == "Main" && line.fbaWarehouse == "FBA")
        let shipped = try t.db.recordInboundShipment(channel: shopUS, inboundPlanId: "wf1", shipmentId: "sh1", status: "SHIPPED", lines: lines)
        #expect(shipped.map(\.delta) == [-6] && shipped.first?.kind == .transfer && shipped.first?.warehouse == "Main")
        try t.reopen()
        for status in ["SHIPPED", "IN_TRANSIT", "RECEIVING"] {
            #expect(try t.db.recordInboundShipment(channel: shopUS, inboundPlanId: "wf1", shipmentId: "sh1", status: status, lines: lines).isEmpty)
        }
        #expect(try onHand(t, "MUG", "Main") == 14 && onHand(t, "MUG", "FBA") == 0)
        let received = try t.db.recordInboundShipment(channel: shopUS, inboundPlanId: "wf1", shipmentId: "sh1", status: "CLOSED", lines: lines)
        #expect(received.map(\.delta) == [6] && received.first?.warehouse == "FBA" && received.first?.reference == "inbound:sh1")
        #expect(try t.db.recordInboundShipment(channel: shopUS, inboundPlanId: "wf1", shipmentId: "sh1", status: "CLOSED", lines: lines).isEmpty)
        #expect(try onHand(t, "MUG", "Main") == 14 && onHand(t, "MUG", "FBA") == 6)
        line = try #require(try t.db.inboundShipments(channel: shopUS).first)
        #expect(line.shipped && line.received && !line.returned && line.status == "CLOSED")
        #expect(try t.db.openInboundShipments(channel: shopUS).isEmpty)
        #expect(try t.db.stockMovements(sku: "MUG").filter { $0.kind == .transfer }.count == 2)
    }

    @Test func inboundShipmentCancelledAfterLeavingReturnsToSource() throws {
        // R29: a shipment cancelled after it left puts the units back; one sent straight to CLOSED moves both legs at once.
        let t = try fbaDatabase()
        try t.db.addWarehouse(name: "East")
        try t.db.recordStockMovement(sku: "MUG", warehouse: "East", delta: 10, kind: .initial, reference: nil, reason: nil)
        try t.db.recordInboundShipment(channel: shopUS, inboundPlanId: "wf2", shipmentId: "sh2", status: "SHIPPED",
                                       lines: [("MUG", 4), ("GHOST", 2)], sourceWarehouse: "East")
        #expect(try onHand(t, "MUG", "East") == 6)
        #expect(try t.db.inboundShipments().filter { !$0.matched }.map(\.sku) == ["GHOST"])
        let back = try t.db.recordInboundShipment(channel: shopUS, inboundPlanId: "wf2", shipmentId: "sh2", status: "CANCELLED",
                                                  lines: [("MUG", 4), ("GHOST", 2)])
        #expect(back.map(\.delta) == [4] && back.first?.warehouse == "East")
        #expect(try t.db.recordInboundShipment(channel: shopUS, inboundPlanId: "wf2", shipmentId: "sh2", status: "CLOSED", lines: [("MUG", 4)]).isEmpty)
        #expect(try onHand(t, "MUG", "East") == 10 && onHand(t, "MUG", "FBA") == 0)
        let both = try t.db.recordInboundShipment(channel: shopUS, inboundPlanId: "wf3", shipmentId: "sh3", status: "CLOSED", lines: [("MUG", 3)])
        #expect(both.map(\.delta) == [-3, 3])
        // The FBA warehouse cannot be the source.
        #expect(throws: StoreError.self) {
            try t.db.recordInboundShipment(channel: shopUS, inboundPlanId: "wf4", shipmentId: "sh4", status: "SHIPPED",
                                           lines: [("MUG", 1)], sourceWarehouse: "FBA")
        }
    }

    @Test func inboundLinesAreUniqueAndLegsAreOnceInSQLite() throws {
        // R29 idempotency lives in the schema too: one row per (channel, shipment, SKU), one movement per leg.
        let t = try fbaDatabase()
        try t.db.recordInboundShipment(channel: shopUS, inboundPlanId: "wf1", shipmentId: "sh1", status: "SHIPPED", lines: [("MUG", 2)])
        #expect(throws: StoreError.self) {
            try t.db.executeForTesting("""
                INSERT INTO inbound_shipment_line (channel, shipment_id, sku, inbound_plan_id, status, quantity, source_warehouse,
                    fba_warehouse, first_seen_at, updated_at) SELECT channel, shipment_id, sku, 'wf1', 'SHIPPED', 2, source_warehouse,
                    fba_warehouse, 0, 0 FROM inbound_shipment_line
                """)
        }
        #expect(throws: StoreError.self) {
            try t.db.executeForTesting("UPDATE inbound_shipment_line SET shipped_movement = NULL")
        }
        #expect(throws: StoreError.self) { try t.db.executeForTesting("UPDATE inbound_shipment_line SET moved_quantity = NULL") }
        #expect(throws: StoreError.self) { try t.db.executeForTesting("UPDATE inbound_shipment_line SET received_movement = 424242") }
    }
}
