import Foundation
import SandboxHarness
import Testing
@testable import SellingPartner

/// Fulfillment Inbound 2024-03-20 (R29): the model's static sandbox responses decode with the client's types, and the
/// client follows a shipment through the local sandbox over libcurl.
@Suite struct InboundContractTests {
    static let model = "fulfillmentInbound_2024-03-20"

    @Test func listInboundPlansExampleDecodes() throws {
        let bodies = try ModelFixtures.staticSuccessBodies(Self.model, operation: "listInboundPlans")
        #expect(bodies.count == 1)
        for body in bodies {
            let page = try ResponseDecoder.decode(FulfillmentInbound.ListInboundPlansResponse.self, from: body, operation: "listInboundPlans")
            #expect(page.inboundPlans?.map(\.inboundPlanId) == ["wf1234abcd-1234-abcd-5678-1234abcd5678", "wf2234abcd-1234-abcd-5678-1234abcd5678"])
            #expect(page.inboundPlans?.first?.status == "ACTIVE")
            #expect(page.pagination?.nextToken == "nextPaginationToken")
        }
    }

    @Test func getInboundPlanExamplesDecode() throws {
        let bodies = try ModelFixtures.staticSuccessBodies(Self.model, operation: "getInboundPlan")
        #expect(!bodies.isEmpty)
        for body in bodies {
            let plan = try ResponseDecoder.decode(FulfillmentInbound.InboundPlan.self, from: body, operation: "getInboundPlan")
            #expect(plan.marketplaceIds == ["A2EUQ1WTGCTBG2"])
        }
    }

    @Test func getShipmentExampleDecodes() throws {
        let bodies = try ModelFixtures.staticSuccessBodies(Self.model, operation: "getShipment")
        #expect(!bodies.isEmpty)
        for body in bodies {
            let shipment = try ResponseDecoder.decode(FulfillmentInbound.Shipment.self, from: body, operation: "getShipment")
            #expect(shipment.shipmentId == "sh1234abcd-1234-abcd-5678-1234abcd5678")
            #expect(shipment.shipmentConfirmationId == "FBA1234ABCD")
        }
    }

    @Test func listShipmentItemsExampleDecodes() throws {
        let bodies = try ModelFixtures.staticSuccessBodies(Self.model, operation: "listShipmentItems")
        #expect(bodies.count == 1)
        for body in bodies {
            let page = try ResponseDecoder.decode(FulfillmentInbound.ListShipmentItemsResponse.self, from: body, operation: "listShipmentItems")
            #expect(page.items.map(\.msku) == ["msku"])
            #expect(page.items.first?.quantity == 5)
            #expect(page.pagination?.nextToken == "nextPaginationToken")
        }
    }

    /// The 2024-03-20 model has no received quantity per item: the tracker books arrival when the shipment is CLOSED.
    @Test func itemHasNoReceivedQuantityInTheModel() throws {
        let definitions = try #require(try ModelFixtures.model(Self.model)["definitions"] as? [String: Any])
        let item = try #require(definitions["Item"] as? [String: Any])
        let properties = try #require(item["properties"] as? [String: Any])
        #expect(properties["quantity"] != nil)
        #expect(!properties.keys.contains { $0.lowercased().contains("received") })
    }

    @Test func clientFollowsAShipmentThroughTheSandbox() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        let sku = try #require(try await sandbox.admin("POST", "listings", ["sku": "INB-1", "marketplace": "US", "quantity": 3, "fulfillment": "FBA"])["sku"] as? String)
        let created = try await sandbox.admin("POST", "inbound", ["status": "WORKING", "items": [["sku": sku, "quantity": 12]]])
        let plan = try #require(created["inboundPlanId"] as? String)
        let shipment = try #require(created["shipmentId"] as? String)
        var plans: [FulfillmentInbound.InboundPlanSummary] = []
        for try await page in client.inboundPlanPages() { plans += page.inboundPlans ?? [] }
        #expect(plans.map(\.inboundPlanId) == [plan])
        #expect(try await client.getInboundPlan(plan).shipments?.map(\.shipmentId) == [shipment])
        #expect(try await client.getShipment(inboundPlanId: plan, shipmentId: shipment).status == "WORKING")
        let items = try await client.shipmentItems(inboundPlanId: plan, shipmentId: shipment)
        #expect(items.map(\.msku) == [sku] && items.first?.quantity == 12)
        try await sandbox.admin("POST", "inbound", ["inboundPlanId": plan, "shipmentId": shipment, "status": "SHIPPED"])
        #expect(try await client.getShipment(inboundPlanId: plan, shipmentId: shipment).status == "SHIPPED")
        #expect(try await client.listInboundPlans(status: .shipped).inboundPlans?.count == 1)
        // Ids that would change the path are refused before any request.
        await #expect(throws: SellingPartnerError.self) { try await client.getShipment(inboundPlanId: "../x", shipmentId: shipment) }
        await #expect(throws: SellingPartnerError.self) { try await client.listInboundPlans(pageSize: 31) }
    }
}
