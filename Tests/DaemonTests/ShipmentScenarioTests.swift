import Foundation
import InvSyncInterface
import Testing
import Varlink

/// Shipment confirmation through the real invsyncd and the real spapi-sandbox (R21, R27): CreateShipment over the
/// control socket reaches Amazon by itself; the sandbox's record of confirmations is the oracle.
@Suite(.serialized) struct ShipmentScenarioTests {
    @Test func shippingAnMFNOrderOverVarlinkConfirmsItOnAmazon() async throws {
        let scenario = try await ScenarioDaemon(channels: ["amazon-us"], orders: 100)
        let mfn = try #require(try await scenario.sandbox.admin("POST", "/orders", [
            "marketplace": "US", "status": "UNSHIPPED", "fulfillmentChannel": "MFN",
            "items": [["sku": "DAEMON-SHIP", "quantity": 2]],
        ])["orderId"] as? String)
        let afn = try #require(try await scenario.sandbox.admin("POST", "/orders", [
            "marketplace": "US", "status": "UNSHIPPED", "fulfillmentChannel": "AFN", "items": [["sku": "DAEMON-FBA", "quantity": 1]],
        ])["orderId"] as? String)
        try await scenario.sandbox.advanceClock(seconds: 600)
        try await scenario.start()
        try await scenario.waitForFirstCycle()
        let order: InventoryInterface.GetOrderReply = try await scenario.call(
            InventoryInterface.Method.getOrder.qualified, ["id": .string(mfn)])
        let line = try #require(order.order.lines.first)

        let began = ContinuousClock.now
        let reply: InventoryInterface.CreateShipmentReply = try await scenario.call(
            InventoryInterface.Method.createShipment.qualified,
            ["order": .string(mfn), "carrier": "UPS", "trackingNumber": "1ZDAEMON"])
        #expect(reply.shipment.lines == [InventoryInterface.ShipmentLine(lineId: line.lineId, quantity: 2)])
        // The worker is woken by the write: the confirmation reaches the sandbox without waiting for a cycle.
        try await scenarioEventually(timeout: .seconds(20)) {
            let shipments = try await scenario.sandbox.admin("GET", "/shipments")["shipments"] as? [[String: Any]] ?? []
            return shipments.contains { ($0["orderId"] as? String) == mfn }
        }
        // Measured: CreateShipment → the sandbox holds the confirmation (polled every 100 ms, so an upper bound).
        print("shipment confirmation latency: \((ContinuousClock.now - began).formatted(.units(allowed: [.milliseconds])))")
        let shipments = try await scenario.sandbox.admin("GET", "/shipments")["shipments"] as? [[String: Any]] ?? []
        let sent = try #require(shipments.first { ($0["orderId"] as? String) == mfn }?["packageDetail"] as? [String: Any])
        #expect(sent["trackingNumber"] as? String == "1ZDAEMON" && sent["carrierCode"] as? String == "UPS")
        let items = sent["orderItems"] as? [[String: Any]] ?? []
        #expect(items.count == 1 && items.first?["orderItemId"] as? String == line.lineId && (items.first?["quantity"] as? Int) == 2)
        let shown: InventoryInterface.GetOrderReply = try await scenario.call(
            InventoryInterface.Method.getOrder.qualified, ["id": .string(mfn)])
        #expect(shown.order.status == "shipped" && shown.order.lines.first?.quantityShipped == 2)

        // R27: the AFN order is refused by name, over the socket.
        do {
            let _: InventoryInterface.CreateShipmentReply = try await scenario.call(
                InventoryInterface.Method.createShipment.qualified,
                ["order": .string(afn), "carrier": "UPS", "trackingNumber": "1Z"])
            Issue.record("an AFN order was shipped")
        } catch let error as VarlinkError {
            #expect(error.name == InventoryInterface.ErrorName.notShippable)
        }
        try await scenario.stop()
    }
}
