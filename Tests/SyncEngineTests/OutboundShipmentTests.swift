import Foundation
import Inventory
import InventoryStore
import SellingPartner
import SyncEngine
import Testing

/// Outbound (MCF) shipments of local sales orders (R28) through `OutboundTracker` against the real sandbox,
/// whose MCF orders move Received → Planning → Processing → Complete on its simulated clock.
@Suite(.serialized) struct OutboundShipmentTests {
    static let fbaWarehouse = "Amazon FBA US"
    static let address = BuyerPII(
        recipientName: "Pat Example", addressLines: ["10 Harbour Road", "Unit 4"], city: "Seattle", stateOrRegion: "WA",
        postalCode: "98101", countryCode: "US")

    /// A world with an FBA SKU (10 units at Amazon and in the FBA warehouse) and an MFN SKU (5 in Main), and a
    /// local order of 3 FBA units and 1 MFN unit with a destination.
    func world() async throws -> (OrderSyncFixture, LocalSalesOrder) {
        let f = try await OrderSyncFixture(orders: 10)
        try await f.sandbox.admin("POST", "listings", ["sku": "MCF-SKU", "marketplace": "US", "fulfillment": "FBA"])
        try await f.sandbox.admin("POST", "fba-stock", ["sku": "MCF-SKU", "marketplace": "US", "fulfillable": 10])
        try f.db.upsertListings(channel: f.us, listings: [
            IncomingListing(sku: "MCF-SKU", title: "Lamp", fulfillment: .fba), IncomingListing(sku: "DESK-SKU", title: "Desk"),
        ])
        try f.db.markFulfillment(skus: ["MCF-SKU"], .fba)
        try f.db.recordStockMovement(sku: "MCF-SKU", warehouse: Self.fbaWarehouse, delta: 10, kind: .initial, reference: nil, reason: nil)
        try f.db.recordStockMovement(sku: "DESK-SKU", warehouse: "Main", delta: 5, kind: .initial, reference: nil, reason: nil)
        let order = try f.db.createSalesOrder(
            customerName: "Pat Example",
            lines: [NewSalesOrderLine(sku: "MCF-SKU", quantity: 3), NewSalesOrderLine(sku: "DESK-SKU", quantity: 1)],
            warehouse: nil, destination: Self.address, now: f.clock.now())
        return (f, order)
    }

    func fbaAvailable(_ f: OrderSyncFixture) throws -> Int {
        try f.db.stock(sku: "MCF-SKU").first { $0.warehouse == Self.fbaWarehouse }?.available ?? -1
    }

    func sandboxMCFOrders(_ f: OrderSyncFixture) async throws -> [[String: Any]] {
        try await f.sandbox.admin("GET", "fulfillment-orders")["fulfillmentOrders"] as? [[String: Any]] ?? []
    }

    // R28: only the FBA lines go to Amazon, the MFN line is left for the seller (and its stock left Main at
    // once); the MCF order moves through its statuses; when Amazon ships, the FBA stock leaves exactly once.
    @Test func mcfOrderGoesThroughItsStatusesAndShipsOnce() async throws {
        let (f, order) = try await world()
        #expect(try f.db.stock(sku: "DESK-SKU").first { $0.warehouse == "Main" }?.available == 4)
        let tracker = OutboundTracker(environment: f.environment)
        let requested = try f.db.requestOutboundShipment(order: order.reference, now: f.clock.now())
        #expect(requested.sellerLines.map(\.sku) == ["DESK-SKU"] && requested.fbaLines.map(\.sku) == ["MCF-SKU"])
        let sent = try await tracker.submit(order: order.id)
        #expect(sent.request == .accepted)

        let mcf = try await sandboxMCFOrders(f)
        #expect(mcf.count == 1)
        let items = mcf.first?["items"] as? [[String: Any]] ?? []
        #expect(items.count == 1 && items.first?["sellerSku"] as? String == "MCF-SKU" && items.first?["quantity"] as? Int == 3)
        let destination = mcf.first?["destinationAddress"] as? [String: Any] ?? [:]
        #expect(destination["addressLine1"] as? String == "10 Harbour Road" && destination["postalCode"] as? String == "98101")
        #expect(mcf.first?["sellerFulfillmentOrderId"] as? String == "invsync-L\(order.id)")

        var seen: [String] = []
        for step: TimeInterval in [0, 700, 3600, 4 * 3600] {
            try await f.clock.advance(by: step)
            let now = try await tracker.refresh(order: order.id)
            seen.append(now.amazonStatus ?? "")
            if now.amazonStatus != "Complete" {
                #expect(try fbaAvailable(f) == 10 && now.stockMovedAt == nil)
            }
        }
        #expect(seen == ["Received", "Planning", "Processing", "Complete"])
        let done = try f.db.outboundShipment(order: order.reference)
        #expect(done.stockMovedAt != nil && done.carrier == "UPS" && (done.trackingNumber ?? "").hasPrefix("1ZSANDBOX"))
        #expect(try fbaAvailable(f) == 7)
        // Reading it again, by refresh or by the cycle, moves nothing more.
        _ = try await tracker.refresh(order: order.id)
        await tracker.trackAll()
        #expect(try fbaAvailable(f) == 7)
        #expect(try f.db.stockMovements(sku: "MCF-SKU").filter { $0.kind == .shipment }.map(\.delta) == [-3])
    }

    // R28, decision 5: a reply lost after Amazon created the order, retries, a second request and a restarted
    // tracker never create a second MCF order; the cycle's tracking step finds the shipment.
    @Test func mcfOrderIsCreatedOnceWhateverHappens() async throws {
        let (f, order) = try await world()
        _ = try f.db.requestOutboundShipment(order: order.reference, now: f.clock.now())
        // The connection drops after the sandbox stored the order: the client's retry meets "already exists".
        try await f.sandbox.fault("createFulfillmentOrder", "reset", count: 1)
        let first = try await OutboundTracker(environment: f.environment).submit(order: order.id)
        #expect(first.request == .accepted)
        let counts = try await f.sandbox.counts("createFulfillmentOrder")
        #expect(counts.requests == 2 && counts.faulted == 1)  // the retry reached Amazon and was a duplicate
        _ = try f.db.requestOutboundShipment(order: order.reference, now: f.clock.now())
        // A tracker started after a crash sweeps the outbox and tracks on its cycle.
        let restarted = OutboundTracker(environment: f.environment, interval: 3600)
        let worker = Task { try await restarted.run() }
        try await whileRunning(worker) {
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await sandboxMCFOrders(f).count == 1)
            try await f.clock.advance(by: 5 * 3600)
            await restarted.trackAll()
            #expect(try f.db.outboundShipment(order: order.reference).amazonStatus == "Complete")
            #expect(try fbaAvailable(f) == 7)
        }
    }

    // R28: a 500 leaves the request in the outbox with backoff; the running worker sends it once Amazon recovers.
    @Test func serverErrorsAreRetried() async throws {
        let (f, order) = try await world()
        try await f.sandbox.fault("createFulfillmentOrder", "status", status: 500, count: 5)
        let tracker = OutboundTracker(
            environment: f.environment, interval: 3600, policy: Inventory.RetryPolicy(base: 0.3, factor: 1, cap: 0.3), random: { 0.99 })
        _ = try f.db.requestOutboundShipment(order: order.reference, now: f.clock.now())
        let afterFailure = try await tracker.submit(order: order.id)
        #expect(afterFailure.request == .requested && afterFailure.attempts == 1 && (afterFailure.lastError ?? "").contains("500"))
        let worker = Task { try await tracker.run() }
        try await whileRunning(worker) {
            let end = Date().addingTimeInterval(20)
            while Date() < end, try f.db.outboundShipment(order: order.reference).request != .accepted {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try f.db.outboundShipment(order: order.reference).request == .accepted)
            #expect(try await sandboxMCFOrders(f).count == 1)
        }
    }
}
