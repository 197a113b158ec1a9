import Foundation
import Inventory
import InventoryStore
import SandboxHarness
import SellingPartner
@testable import SyncEngine
import Testing

/// FBA stock (R25, R26) and inbound shipments (R29) against the real sandbox over libcurl and a real SQLite file.
@Suite(.serialized)
struct FBAStockSyncTests {
    static let channel = try! ChannelName("amazon-us")

    /// A synced sandbox world: its listings stored (items created, R13), an FBA warehouse "FBA" on the US channel,
    /// and the SKU of one FBA listing with 30 units in Main.
    static func world(_ sandbox: SandboxHarness, _ db: AppDatabase) async throws -> (SyncEnvironment, String) {
        let environment = try sandbox.environment(db, clock: ManualWallClock())
        try db.setPrimaryWarehouse(name: "Main")
        let outcome = await ItemSync(environment: environment, batchSize: 100, reportPollInterval: .milliseconds(50))
            .run(SyncRequest(channel: channel, module: .items, trigger: .initial))
        try #require(outcome.task != nil)
        try db.addWarehouse(name: "FBA")
        try db.setStockSync(channel: channel, active: true, fbaWarehouse: "FBA", mappedWarehouse: nil)
        let fbaListing = try #require(try await sandbox.usListings().first { item in
            (try? db.listing(channel: channel, sku: item.sku))??.fulfillment == .fba
        })
        try db.recordStockMovement(sku: fbaListing.sku, warehouse: "Main", delta: 30, kind: .initial, reference: nil, reason: nil)
        return (environment, fbaListing.sku)
    }

    static func sandbox() async throws -> SandboxHarness {
        try await SandboxHarness.start { c in
            c.listings = 80
            c.orders = 10
            c.clockScale = 100
        }
    }

    static func onHand(_ db: AppDatabase, _ sku: String, _ warehouse: String) throws -> Int {
        try db.stock(sku: sku).first { $0.warehouse == warehouse }?.onHand ?? 0
    }

    @Test("marking FBA fetches Amazon's FBA stock (R25); a mismatch shows until AdjustStock records it (R26)")
    func markCompareAdjust() async throws {
        let sandbox = try await Self.sandbox()
        defer { sandbox.stop() }
        let temp = try TemporaryDatabase()
        let (environment, sku) = try await Self.world(sandbox, temp.db)
        let fba = FBAStockSync(environment: environment)
        try await sandbox.admin("POST", "fba-stock", ["sku": sku, "marketplace": "US", "fulfillable": 11])

        let moves = try await fba.markFBA(skus: [sku])
        #expect(moves.map(\.delta) == [11])
        #expect(try temp.db.item(sku: sku)?.fulfillment == .fba)
        #expect(try Self.onHand(temp.db, sku, "FBA") == 11)
        #expect(try temp.db.listing(channel: Self.channel, sku: sku)?.amazonQuantity == 11)
        #expect(try await fba.compare(sku: sku).map(\.mismatch) == [false])

        // Amazon's figure moves (a customer return counted in, say): live compare shows both figures.
        try await sandbox.admin("POST", "fba-stock", ["sku": sku, "marketplace": "US", "fulfillable": 15])
        #expect(try await fba.compare(sku: sku, live: false).first?.amazon == 11)  // the last known figure, no call
        let before = try await sandbox.counts("getInventorySummaries").requests
        let row = try #require(try await fba.compare(sku: sku).first)
        #expect(try await sandbox.counts("getInventorySummaries").requests == before + 1)
        #expect(row.local == 11 && row.amazon == 15 && row.mismatch && row.warehouse == "FBA")
        // Every FBA item: the items the sync created from FBA listings (R13) hold no local FBA stock yet, so they differ too.
        let all = try await fba.compare(sku: nil)
        #expect(all.count > 1 && all.first { $0.sku == sku }?.mismatch == true)
        try temp.db.adjustStock(sku: sku, warehouse: "FBA", change: .newQuantity(row.amazon!), reason: "FBA count")
        #expect(try await fba.compare(sku: sku).map(\.mismatch) == [false])
        // Main's stock was never touched by FBA figures.
        #expect(try Self.onHand(temp.db, sku, "Main") == 30)

        // The cycle's refresh stores every FBA listing's figure.
        let refreshed = try await fba.refresh(channel: Self.channel)
        #expect(refreshed.map(\.sku).contains(sku) && refreshed.first { $0.sku == sku }?.mismatch == false)
        let fbaListings = try await sandbox.usListings().filter { (try? temp.db.listing(channel: Self.channel, sku: $0.sku))??.fulfillment == .fba }
        for l in fbaListings { #expect(try temp.db.listing(channel: Self.channel, sku: l.sku)?.amazonQuantity != nil) }

        // Without an FBA warehouse marking is refused with the fix in words.
        try temp.db.setStockSync(channel: Self.channel, active: true, fbaWarehouse: nil, mappedWarehouse: nil)
        await #expect(throws: FBAStockError.noFBAWarehouse) { try await fba.markFBA(skus: [sku]) }
        #expect(FBAStockError.noFBAWarehouse.description.contains("invsyncctl channel fba"))
    }

    @Test("an inbound shipment WORKING→SHIPPED→RECEIVING→CLOSED moves stock exactly once across cycles and a restart (R29)")
    func inboundShipmentLifecycle() async throws {
        let sandbox = try await Self.sandbox()
        defer { sandbox.stop() }
        let temp = try TemporaryDatabase()
        let (environment, sku) = try await Self.world(sandbox, temp.db)
        // 31 other plans so listInboundPlans needs two pages (30 a page).
        let others = try await sandbox.usListings().filter { $0.sku != sku }
        for n in 0..<31 {
            try await sandbox.admin("POST", "inbound", ["status": "WORKING", "items": [["sku": others[n % others.count].sku, "quantity": 1]]])
        }
        let created = try await sandbox.admin("POST", "inbound", ["status": "WORKING", "items": [["sku": sku, "quantity": 7]]])
        let plan = try #require(created["inboundPlanId"] as? String)
        let shipment = try #require(created["shipmentId"] as? String)
        let fbaBefore = try await sandbox.admin("GET", "listings/US/\(sku)")["fbaFulfillable"] as? Int ?? -1

        var tracker = InboundShipmentTracker(environment: environment)
        #expect(try await tracker.track(channel: Self.channel).isEmpty)
        let tracked = try temp.db.inboundShipments(channel: Self.channel)
        let counts = try await sandbox.admin("GET", "counts")
        #expect(tracked.count == 32, "\(counts)")
        #expect(try await sandbox.counts("listInboundPlans").requests == 2)
        var firstPass = 0
        for op in ["listInboundPlans", "getInboundPlan", "getShipment", "listShipmentItems"] {
            firstPass += try await sandbox.counts(op).requests
        }
        print("MEASURE inbound first pass: 32 plans of one shipment each in \(firstPass) requests")
        var db = temp.db
        var movements: [StockMovement] = []
        for status in ["SHIPPED", "RECEIVING", "CLOSED"] {
            try await sandbox.admin("POST", "inbound", ["inboundPlanId": plan, "shipmentId": shipment, "status": status])
            for _ in 0..<2 { movements += try await tracker.track(channel: Self.channel) }
            if status == "SHIPPED" {
                // A restart: a new store on the same file and a new tracker remember what was recorded.
                #expect(try Self.onHand(db, sku, "Main") == 23)
                db.close()
                db = try AppDatabase.open(path: temp.path)
                var reopened = environment
                reopened.database = db
                tracker = InboundShipmentTracker(environment: reopened)
                movements += try await tracker.track(channel: Self.channel)
            }
        }
        #expect(movements.map(\.delta) == [-7, 7])
        // A plan whose shipments have all ended is not asked about again; the 31 still WORKING are.
        let plansBefore = try await sandbox.counts("getInboundPlan").requests
        #expect(try await tracker.track(channel: Self.channel).isEmpty)
        #expect(try await sandbox.counts("getInboundPlan").requests - plansBefore == 31)
        print("MEASURE inbound steady cycle: 2 listInboundPlans pages + 31 getInboundPlan for the 31 unfinished plans, 0 for the closed one")
        #expect(movements.map(\.warehouse) == ["Main", "FBA"])
        #expect(movements.allSatisfy { $0.kind == .transfer && $0.reference == "inbound:\(shipment)" })
        #expect(try Self.onHand(db, sku, "Main") == 23 && Self.onHand(db, sku, "FBA") == 7)
        let line = try #require(try db.inboundShipments(channel: Self.channel).first { $0.shipmentId == shipment })
        #expect(line.status == "CLOSED" && line.shipped && line.received && line.quantity == 7)
        // Amazon's side received them too, so the FBA figures agree after the refresh.
        #expect(try await sandbox.admin("GET", "listings/US/\(sku)")["fbaFulfillable"] as? Int == fbaBefore + 7)
        db.close()
    }

    @Test("the items cycle runs the FBA step: figures stored and inbound shipments followed")
    func itemsCycleRunsFBAStep() async throws {
        let sandbox = try await Self.sandbox()
        defer { sandbox.stop() }
        let temp = try TemporaryDatabase()
        let (environment, sku) = try await Self.world(sandbox, temp.db)
        try await sandbox.admin("POST", "inbound", ["status": "SHIPPED", "items": [["sku": sku, "quantity": 4]]])
        try await sandbox.admin("POST", "fba-stock", ["sku": sku, "marketplace": "US", "fulfillable": 9])
        let cycle = FBAItemsCycle(
            items: ItemSync(environment: environment, batchSize: 100, reportPollInterval: .milliseconds(50)), environment: environment)
        let outcome = await cycle.run(SyncRequest(channel: Self.channel, module: .items, trigger: .scheduled))
        #expect(outcome.task != nil)
        #expect(try temp.db.listing(channel: Self.channel, sku: sku)?.amazonQuantity == 9)
        #expect(try Self.onHand(temp.db, sku, "Main") == 26)
        #expect(try temp.db.inboundShipments().map(\.status) == ["SHIPPED"])
    }
}
