import Foundation
import InvSyncInterface
import Testing
import Varlink

/// Issue 5 items 4 and 6 through the real invsyncd, the real spapi-sandbox and the real invsyncctl: mark FBA (R25),
/// compare and adjust (R26), an inbound shipment followed on the cycle as a transfer (R29).
@Suite(.serialized) struct FBAScenarioTests {
    func stock(_ scenario: ScenarioDaemon, _ sku: String, _ warehouse: String) async throws -> Int {
        let reply: InventoryInterface.GetItemReply = try await scenario.call(InventoryInterface.Method.getItem.qualified, ["sku": .string(sku)])
        return reply.stock.first { $0.warehouse == warehouse }?.onHand ?? 0
    }

    func compare(_ scenario: ScenarioDaemon, _ sku: String) async throws -> InventoryInterface.FBAComparison {
        let reply: InventoryInterface.CompareFBAStockReply = try await scenario.call(
            InventoryInterface.Method.compareFBAStock.qualified, ["sku": .string(sku)])
        return try #require(reply.rows.first)
    }

    @Test func markCompareAdjustAndInboundThroughTheDaemon() async throws {
        let scenario = try await ScenarioDaemon(channels: ["amazon-us"], orders: 40, listings: 60)
        try await scenario.start()
        try await scenario.waitForFirstCycle()
        let inventory = InventoryInterface.Method.self
        let ctl = scenario.harness

        // No FBA warehouse yet: marking is refused, naming the command that fixes it.
        let items: InventoryInterface.ListItemsReply = try await scenario.call(inventory.listItems.qualified, ["fulfillment": "fba"])
        let sku = try #require(items.items.first?.sku)
        let refused = try await ctl.ctl(["item", "mark-fba", sku])
        #expect(refused.status == 1 && refused.err.contains("NoFBAWarehouse") && refused.err.contains("invsyncctl channel fba"))

        let _: InventoryInterface.AddWarehouseReply = try await scenario.call(inventory.addWarehouse.qualified, ["name": "FBA"])
        #expect(try await ctl.ctl(["channel", "fba", "amazon-us", "FBA"]).status == 0)
        // R25: marking FBA fetches Amazon's FBA stock and records it as an adjustment in the FBA warehouse.
        try await scenario.sandbox.admin("POST", "/fba-stock", ["sku": sku, "marketplace": "US", "fulfillable": 8])
        let marked = try await ctl.ctl(["item", "mark-fba", sku])
        print("[demo] invsyncctl item mark-fba \(sku)\n\(marked.out)")
        #expect(marked.status == 0 && marked.out.contains("+8"))
        #expect(try await stock(scenario, sku, "FBA") == 8)
        #expect(try await compare(scenario, sku).mismatch == false)

        // R26: Amazon's figure changes → a mismatch with both figures → AdjustStock → none.
        try await scenario.sandbox.admin("POST", "/fba-stock", ["sku": sku, "marketplace": "US", "fulfillable": 12])
        let row = try await compare(scenario, sku)
        #expect(row.local == 8 && row.amazon == 12 && row.mismatch)
        let shown = try await ctl.ctl(["item", "fba-compare", sku])
        print("[demo] invsyncctl item fba-compare \(sku)\n\(shown.out)")
        #expect(shown.status == 0 && shown.out.contains("yes"))
        let _: InventoryInterface.AdjustStockReply = try await scenario.call(
            inventory.adjustStock.qualified, ["sku": .string(sku), "warehouse": "FBA", "newQuantity": 12, "reason": "FBA count"])
        #expect(try await compare(scenario, sku).mismatch == false)

        // R29: an inbound shipment created in Seller Central, followed on the items cycle.
        let _: InventoryInterface.AdjustStockReply = try await scenario.call(
            inventory.adjustStock.qualified, ["sku": .string(sku), "warehouse": "Main", "newQuantity": 20, "reason": "count"])
        let created = try await scenario.sandbox.admin("POST", "/inbound", ["status": "SHIPPED", "items": [["sku": sku, "quantity": 5]]])
        let plan = try #require(created["inboundPlanId"] as? String)
        let shipment = try #require(created["shipmentId"] as? String)
        for status in ["SHIPPED", "CLOSED"] {
            try await scenario.sandbox.admin("POST", "/inbound", ["inboundPlanId": plan, "shipmentId": shipment, "status": status])
            for _ in 0..<2 {
                let started: SyncInterface.StartReply = try await scenario.call(
                    SyncInterface.Method.start.qualified, ["module": "items", "channel": "amazon-us"])
                _ = try await scenario.waitForTask(try #require(started.tasks.first?.id))
            }
            #expect(try await stock(scenario, sku, "Main") == 15)
            #expect(try await stock(scenario, sku, "FBA") == (status == "CLOSED" ? 17 : 12))
        }
        let listed: InventoryInterface.ListInboundShipmentsReply = try await scenario.call(inventory.listInboundShipments.qualified)
        #expect(listed.shipments.map(\.shipmentId) == [shipment])
        #expect(listed.shipments.first.map { $0.shipped && $0.received && $0.status == "CLOSED" } == true)
        let table = try await ctl.ctl(["inbound", "list"])
        print("[demo] invsyncctl inbound list\n\(table.out)")
        #expect(table.status == 0 && table.out.contains(shipment) && table.out.contains("received"))
        // Amazon received them too, so the figures agree without an adjustment.
        #expect(try await compare(scenario, sku).mismatch == false)
        // Back to MFN.
        let mfn = try await ctl.ctl(["item", "mark-mfn", sku])
        print("[demo] invsyncctl item mark-mfn \(sku)\n\(mfn.out)")
        #expect(mfn.status == 0)
        // Marking FBA again over the Varlink call: Amazon's figure (17) already matches, so nothing is adjusted.
        let again: InventoryInterface.MarkFulfillmentReply = try await scenario.call(
            inventory.markFulfillment.qualified, ["skus": .array([.string(sku)]), "channel": "fba"])
        #expect(again.adjustments.isEmpty)
        try await scenario.stop()
    }

    // R24: FBA tracking needs a business in the USA, whatever the channel's marketplace.
    @Test func fbaWarehouseNeedsAUSBusinessLocation() async throws {
        let daemon = try ControlInterfaceTests.daemon()
        let text = try String(contentsOfFile: daemon.configPath, encoding: .utf8)
            .replacingOccurrences(of: "business_location = \"US\"", with: "business_location = \"UK\"")
        try text.write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
        try daemon.start()
        try await daemon.notify.waitFor("READY=1")
        let _: InventoryInterface.AddWarehouseReply = try await ControlInterfaceTests.call(
            daemon, InventoryInterface.Method.addWarehouse.qualified, ["name": "FBA-US"])
        let refused = try await ControlInterfaceTests.error(
            daemon, ChannelsInterface.Method.setFBAWarehouse.qualified, ["channel": "amazon-us", "warehouse": "FBA-US"])
        #expect(refused?.name == ChannelsInterface.ErrorName.notAllowed)
        guard case .string(let reason)? = refused?.parameters["reason"] else { Issue.record("no reason"); return }
        #expect(reason.contains("business_location"))
        #expect(try await ControlInterfaceTests.status(daemon).fbaWarehouse == nil)
        // And with no FBA warehouse, the FBA methods say how to get one.
        let compare = try await ControlInterfaceTests.error(daemon, InventoryInterface.Method.compareFBAStock.qualified)
        #expect(compare?.name == InventoryInterface.FBAErrorName.noFBAWarehouse)
        let badSkus = try await ControlInterfaceTests.error(
            daemon, InventoryInterface.Method.markFulfillment.qualified, ["skus": .array([]), "channel": "fba"])
        #expect(badSkus?.name == "org.varlink.service.InvalidParameter")
        try await ControlInterfaceTests.stop(daemon)
    }
}
