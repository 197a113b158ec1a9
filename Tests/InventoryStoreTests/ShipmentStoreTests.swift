import Foundation
import Testing
import Inventory
import InventoryStore

/// Shipments of Amazon MFN orders and their confirmation outbox (R21, R27), local sales orders and outbound
/// MCF shipments (R28, R30), against a real SQLite file.
struct ShipmentStoreTests {
    func seeded(stock: Int = 10) throws -> TemporaryDatabase {
        let t = try inventoryDatabase()
        try t.db.upsertListings(channel: shopUS, listings: [IncomingListing(sku: "SKU-1", title: "Mug")])
        try t.db.recordStockMovement(sku: "SKU-1", warehouse: "Main", delta: stock, kind: .initial, reference: nil, reason: nil)
        return t
    }

    func stock(_ t: TemporaryDatabase, _ sku: String = "SKU-1", _ warehouse: String = "Main") throws -> WarehouseStock {
        try #require(try t.db.stock(sku: sku).first { $0.warehouse == warehouse })
    }

    // R21: shipping records the shipment, marks the lines shipped and queues the confirmation in one go;
    // the stock leaves once (the order already took it from available; shipping empties committed).
    @Test func shippingAnOrderTakesItsStockOnce() throws {
        let t = try seeded()
        try t.db.upsertOrders(channel: shopUS, orders: [order("A")], cursor: nil)
        let before = try stock(t)
        #expect(before.onHand == 10 && before.committed == 2 && before.available == 8)
        let movements = try t.db.stockMovements(sku: "SKU-1").count

        let s = try t.db.createShipment(order: "A", carrier: "UPS", trackingNumber: "1Z999", lines: nil, now: t0)
        #expect(s.lines == [ShipmentLine(lineId: "A-1", quantity: 2)])
        #expect(s.packageReference == 1 && s.confirmation == .pending && s.amazonOrderId == "A" && s.channel == shopUS)
        let after = try stock(t)
        #expect(after.onHand == 8 && after.committed == 0 && after.available == 8)
        #expect(try t.db.stockMovements(sku: "SKU-1").count == movements)
        let stored = try #require(try t.db.order(amazonOrderId: "A"))
        #expect(stored.status == .shipped && stored.lines[0].quantityShipped == 2 && stored.fulfilledAt == t0)
        // Decision 5: the confirmation is in the outbox, due at once, and survives a restart.
        try t.reopen()
        #expect(try t.db.dueShipmentConfirmations(now: t0, limit: 10).map(\.id) == [s.id])
        // The local id works as well as the Amazon order id.
        #expect(try t.db.shipments(order: String(stored.id)).map(\.id) == [s.id])
    }

    // R21: partial shipments by line, each a package of its own; over-shipping and re-shipping refused by name.
    @Test func partialShipmentsAndRefusedLines() throws {
        let t = try seeded()
        try t.db.upsertListings(channel: shopUS, listings: [IncomingListing(sku: "SKU-2", title: "Cup")])
        let lines = [IncomingOrderLine(lineId: "L1", sku: "SKU-1", quantity: 3), IncomingOrderLine(lineId: "L2", sku: "SKU-2", quantity: 1)]
        try t.db.upsertOrders(channel: shopUS, orders: [order("B", lines: lines)], cursor: nil)

        let first = try t.db.createShipment(order: "B", carrier: "USPS", trackingNumber: "T1", lines: [ShipmentLine(lineId: "L1", quantity: 2)], now: t0)
        #expect(first.packageReference == 1)
        #expect(try t.db.order(amazonOrderId: "B")?.status == .partiallyShipped)
        #expect(try stock(t).committed == 1)
        func refused(_ lines: [ShipmentLine]?) -> Bool {
            do {
                _ = try t.db.createShipment(order: "B", carrier: "USPS", trackingNumber: "T9", lines: lines, now: t0)
                return false
            } catch {
                if case .notShippable(let order, _) = error { return order == "B" }
                return false
            }
        }
        #expect(refused([ShipmentLine(lineId: "L1", quantity: 2)]))  // only 1 left
        #expect(refused([ShipmentLine(lineId: "L9", quantity: 1)]))  // no such line
        #expect(refused([ShipmentLine(lineId: "L2", quantity: 1), ShipmentLine(lineId: "L2", quantity: 1)]))
        #expect(refused([ShipmentLine(lineId: "L2", quantity: 0)]))
        #expect(try t.db.shipments(order: "B").count == 1)  // refusals wrote nothing

        let rest = try t.db.createShipment(order: "B", carrier: "USPS", trackingNumber: "T2", lines: nil, now: t0)
        #expect(rest.packageReference == 2)
        #expect(Set(rest.lines) == [ShipmentLine(lineId: "L1", quantity: 1), ShipmentLine(lineId: "L2", quantity: 1)])
        #expect(try t.db.order(amazonOrderId: "B")?.status == .shipped)
        #expect(refused(nil))
        #expect(refused([ShipmentLine(lineId: "L1", quantity: 1)]))
    }

    // R27: AFN orders are force-fulfilled and locked; cancelled and unknown orders are refused by name.
    @Test func afnCancelledAndUnknownOrdersAreRefused() throws {
        let t = try seeded()
        try t.db.addWarehouse(name: "FBA", kind: .fba)
        try t.db.upsertOrders(
            channel: shopUS, orders: [order("AFN", channel: .afn), order("C"), order("P", .unshipped)], cursor: nil)
        try t.db.upsertOrders(channel: shopUS, orders: [order("C", .cancelled, updated: 1)], cursor: nil)
        for id in ["AFN", "C"] {
            #expect {
                _ = try t.db.createShipment(order: id, carrier: "UPS", trackingNumber: "1Z", lines: nil)
            } throws: { error in
                guard case ShipmentError.notShippable(let o, let reason) = error else { return false }
                return o == id && (reason.contains("AFN") || reason.contains("cancelled"))
            }
        }
        #expect(throws: ShipmentError.store(.noSuchOrder("NOPE"))) {
            try t.db.createShipment(order: "NOPE", carrier: "UPS", trackingNumber: "1Z", lines: nil)
        }
        #expect(throws: ShipmentError.self) {
            try t.db.createShipment(order: "P", carrier: " ", trackingNumber: "1Z", lines: nil)
        }
        #expect(try t.db.rowCount(table: "shipment") == 0)
    }

    // R18, R21: an order page fetched before Amazon has our confirmation does not undo the shipment.
    @Test func staleOrderPageKeepsTheShipment() throws {
        let t = try seeded()
        try t.db.upsertOrders(channel: shopUS, orders: [order("A")], cursor: nil)
        _ = try t.db.createShipment(order: "A", carrier: "UPS", trackingNumber: "1Z", lines: nil, now: t0)
        try t.db.upsertOrders(channel: shopUS, orders: [order("A", updated: 5)], cursor: nil)
        let o = try #require(try t.db.order(amazonOrderId: "A"))
        #expect(o.status == .shipped && o.lines[0].quantityShipped == 2)
        #expect(try stock(t).onHand == 8 && stock(t).committed == 0)
        // Amazon then reports the shipment itself: nothing changes.
        let shipped = [IncomingOrderLine(lineId: "A-1", sku: "SKU-1", quantity: 2, quantityShipped: 2)]
        try t.db.upsertOrders(channel: shopUS, orders: [order("A", .shipped, updated: 60, lines: shipped)], cursor: nil)
        #expect(try stock(t).onHand == 8 && stock(t).available == 8)
    }

    // R21, R11: the outbox backs off, confirms, or fails with Amazon's message.
    @Test func confirmationOutboxLifecycle() throws {
        let t = try seeded()
        try t.db.upsertOrders(channel: shopUS, orders: [order("A"), order("B")], cursor: nil)
        let a = try t.db.createShipment(order: "A", carrier: "UPS", trackingNumber: "1Z", lines: nil, now: t0)
        let b = try t.db.createShipment(order: "B", carrier: "UPS", trackingNumber: "1Y", lines: nil, now: t0)
        try t.db.deferShipmentConfirmation(a.id, attempts: 1, nextAttemptAt: t0.addingTimeInterval(60), error: "Amazon answered 500")
        #expect(try t.db.dueShipmentConfirmations(now: t0, limit: 10).map(\.id) == [b.id])
        #expect(try t.db.nextShipmentConfirmationDue() == t0)
        try t.db.markShipmentConfirmed(b.id, attempts: 1, now: t0)
        #expect(try t.db.nextShipmentConfirmationDue() == t0.addingTimeInterval(60))
        #expect(try t.db.dueShipmentConfirmations(now: t0.addingTimeInterval(60), limit: 10).map(\.id) == [a.id])
        #expect(try t.db.pendingShipmentConfirmations(channel: shopUS).first?.lastError == "Amazon answered 500")
        try t.db.failShipmentConfirmation(a.id, attempts: 2, error: "Amazon answered 400: InvalidInput")
        #expect(try t.db.nextShipmentConfirmationDue() == nil)
        let failed = try #require(try t.db.shipments(order: "A").first)
        #expect(failed.confirmation == .failed && failed.lastError == "Amazon answered 400: InvalidInput" && failed.attempts == 2)
        #expect(try t.db.shipments(order: "B").first?.confirmation == .confirmed)
    }

    func fbaSetup() throws -> TemporaryDatabase {
        let t = try seeded()
        try t.db.upsertListings(channel: shopUS, listings: [IncomingListing(sku: "SKU-F", title: "Lamp")])
        try t.db.markFulfillment(skus: ["SKU-F"], .fba)
        try t.db.addWarehouse(name: "FBA", kind: .fba)
        try t.db.setStockSync(channel: shopUS, active: false, fbaWarehouse: "FBA", mappedWarehouse: nil)
        try t.db.recordStockMovement(sku: "SKU-F", warehouse: "FBA", delta: 5, kind: .initial, reference: nil, reason: nil)
        return t
    }

    static let address = BuyerPII(
        buyerPhone: "+1 555 0100", recipientName: "Jane Roe", addressLines: ["1 Quiet Street"], city: "Springfield",
        stateOrRegion: "IL", postalCode: "62701", countryCode: "US")

    // R28, R30: a local sale takes the MFN stock at once, leaves the FBA stock to the MCF shipment, and seals
    // the destination in the vault; the MCF request is idempotent and its stock leaves the FBA warehouse once.
    @Test func localOrderAndOutboundShipment() throws {
        let t = try fbaSetup()
        let o = try t.db.createSalesOrder(
            customerName: "Jane Roe", lines: [NewSalesOrderLine(sku: "SKU-1", quantity: 2), NewSalesOrderLine(sku: "SKU-F", quantity: 3)],
            warehouse: nil, destination: Self.address, now: t0)
        #expect(o.reference == "L\(o.id)" && o.destination == .present && o.warehouse == "Main")
        #expect(o.lines.map(\.fulfillment) == [.mfn, .fba])
        #expect(try stock(t).available == 8)
        #expect(try stock(t, "SKU-F", "FBA").available == 5)
        // R30: the address is not in the database file in clear.
        t.db.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: t.path)) + ((try? Data(contentsOf: URL(fileURLWithPath: t.path + "-wal"))) ?? Data())
        #expect(bytes.range(of: Data("Quiet Street".utf8)) == nil)
        try t.reopen()

        let requested = try t.db.requestOutboundShipment(order: o.reference, now: t0)
        #expect(requested.request == .requested && requested.sellerFulfillmentOrderId == "invsync-L\(o.id)")
        #expect(requested.fbaLines.map(\.sku) == ["SKU-F"] && requested.sellerLines.map(\.sku) == ["SKU-1"])
        #expect(requested.channel == shopUS && requested.warehouse == "FBA")
        #expect(try t.db.requestOutboundShipment(order: o.reference.lowercased(), now: t0) == requested)
        #expect(try t.db.rowCount(table: "outbound_shipment") == 1)
        #expect(try t.db.dueOutboundRequests(now: t0, limit: 10) == [o.id])
        let submission = try t.db.outboundSubmission(order: o.id)
        #expect(submission.destination == Self.address && submission.orderDate == t0)

        try t.db.markOutboundAccepted(order: o.id, attempts: 1, now: t0)
        #expect(try t.db.dueOutboundRequests(now: t0, limit: 10).isEmpty)
        #expect(try t.db.openOutboundShipments(channel: shopUS).map(\.order) == [o.id])
        try t.db.recordOutboundStatus(order: o.id, amazonStatus: "Processing", statusUpdatedAt: t0, carrier: nil, trackingNumber: nil, shipped: nil)
        #expect(try stock(t, "SKU-F", "FBA").available == 5)
        let done = try t.db.recordOutboundStatus(
            order: o.id, amazonStatus: "Complete", statusUpdatedAt: t0, carrier: "UPS", trackingNumber: "1ZSB", shipped: [2: 3])
        #expect(done.stockMovedAt != nil && done.trackingNumber == "1ZSB" && done.amazonStatus == "Complete")
        #expect(try stock(t, "SKU-F", "FBA").available == 2)
        // A second report of the same completion moves nothing more.
        try t.db.recordOutboundStatus(order: o.id, amazonStatus: "Complete", statusUpdatedAt: t0, carrier: "UPS", trackingNumber: "1ZSB", shipped: [2: 3])
        #expect(try stock(t, "SKU-F", "FBA").available == 2)
        #expect(try t.db.openOutboundShipments(channel: shopUS).isEmpty)
        // R31: the destination is shredded 30 days after Amazon shipped, not before.
        #expect(try t.db.purgeExpiredPII(now: Date().addingTimeInterval(29 * day), batchSize: 10) == 0)
        #expect(try t.db.purgeExpiredPII(now: Date().addingTimeInterval(31 * day), batchSize: 10) == 1)
        #expect(try t.db.localSalesOrder(id: o.id)?.destination == .purged)
        #expect(throws: ShipmentError.noDestination(order: o.reference)) { try t.db.outboundSubmission(order: o.id) }
    }

    // R28: outbound shipments refused by name.
    @Test func outboundRefusals() throws {
        let t = try fbaSetup()
        let mfnOnly = try t.db.createSalesOrder(customerName: "A", lines: [NewSalesOrderLine(sku: "SKU-1", quantity: 1)],
                                                warehouse: nil, destination: Self.address)
        #expect(throws: ShipmentError.noFBALines(order: mfnOnly.reference)) { try t.db.requestOutboundShipment(order: mfnOnly.reference) }
        let noAddress = try t.db.createSalesOrder(customerName: "B", lines: [NewSalesOrderLine(sku: "SKU-F", quantity: 1)],
                                                  warehouse: nil, destination: nil)
        #expect(throws: ShipmentError.noDestination(order: noAddress.reference)) { try t.db.requestOutboundShipment(order: noAddress.reference) }
        #expect(throws: ShipmentError.noOutboundShipment(order: noAddress.reference)) { try t.db.outboundShipment(order: noAddress.reference) }
        #expect(throws: ShipmentError.store(.noSuchOrder("L999"))) { try t.db.requestOutboundShipment(order: "L999") }
        try t.db.upsertOrders(channel: shopUS, orders: [order("A")], cursor: nil)
        #expect(throws: ShipmentError.self) { try t.db.requestOutboundShipment(order: "A") }
        #expect(throws: ShipmentError.invalidSalesOrder("give at least one line (SKU and quantity)")) {
            try t.db.createSalesOrder(customerName: "C", lines: [], warehouse: nil, destination: nil)
        }
        #expect(throws: ShipmentError.store(.noSuchItem("NOPE"))) {
            try t.db.createSalesOrder(customerName: "C", lines: [NewSalesOrderLine(sku: "NOPE", quantity: 1)], warehouse: nil, destination: nil)
        }
        #expect(throws: ShipmentError.self) {
            try t.db.createSalesOrder(customerName: "C", lines: [NewSalesOrderLine(sku: "SKU-F", quantity: 1)], warehouse: nil,
                                      destination: BuyerPII(recipientName: "X"))
        }
        try t.db.setStockSync(channel: shopUS, active: false, fbaWarehouse: nil, mappedWarehouse: nil)
        let late = try t.db.createSalesOrder(customerName: "D", lines: [NewSalesOrderLine(sku: "SKU-F", quantity: 1)],
                                             warehouse: nil, destination: Self.address)
        #expect(throws: ShipmentError.noFBAChannel) { try t.db.requestOutboundShipment(order: late.reference) }
    }
}
