import Foundation
import Testing
@testable import SellingPartner

/// FBA Inventory and Fulfillment Outbound responses from Amazon's models decode with the client's types.
///
/// Neither model has `x-amzn-api-sandbox` static responses for these operations; the Fulfillment Outbound model
/// has plain `examples` for getFulfillmentOrder and listAllFulfillmentOrders, which are decoded instead.
@Suite struct FulfillmentOutboundAndFBAInventoryContractTests {
    static let outboundModel = "fulfillmentOutbound_2020-07-01"

    /// The `examples` bodies of an operation's 2xx responses.
    static func exampleBodies(_ model: String, operation: String) throws -> [Data] {
        guard let op = try ModelFixtures.operations(model)[operation], let responses = op["responses"] as? [String: Any] else { return [] }
        return try responses.filter { $0.key.hasPrefix("2") }.compactMap { entry -> Data? in
            guard let examples = (entry.value as? [String: Any])?["examples"] as? [String: Any] else { return nil }
            // Swagger 2 keys examples by MIME type; this model puts the body there directly.
            return try JSONSerialization.data(withJSONObject: examples["application/json"] ?? examples)
        }
    }

    @Test func modelsHaveNoStaticSandboxResponsesForTheseOperations() throws {
        #expect(try ModelFixtures.staticSuccessBodies("fbaInventory", operation: "getInventorySummaries").isEmpty)
        for operation in ["createFulfillmentOrder", "getFulfillmentOrder", "listAllFulfillmentOrders"] {
            #expect(try ModelFixtures.staticSuccessBodies(Self.outboundModel, operation: operation).isEmpty)
        }
        // The operations exist in the models, so the empty result is not a typo in the names.
        #expect(try ModelFixtures.operations("fbaInventory")["getInventorySummaries"] != nil)
        #expect(try ModelFixtures.operations(Self.outboundModel)["createFulfillmentOrder"] != nil)
    }

    @Test func getFulfillmentOrderExampleDecodes() throws {
        let bodies = try Self.exampleBodies(Self.outboundModel, operation: "getFulfillmentOrder")
        #expect(bodies.count == 1)
        for body in bodies {
            let payload = try #require(try ResponseDecoder.decode(FulfillmentOutbound.GetFulfillmentOrderResponse.self, from: body,
                                                                  operation: "getFulfillmentOrder").payload)
            #expect(payload.fulfillmentOrder.sellerFulfillmentOrderId == "FBATestOrder-1")
            #expect(payload.fulfillmentOrder.fulfillmentOrderStatus == .processing)
            #expect(payload.fulfillmentOrder.fulfillmentPolicy == .fillOrKill)
            #expect(payload.fulfillmentOrder.destinationAddress.postalCode == "48084")
            #expect(payload.fulfillmentOrderItems.map(\.quantity) == [1, 3])
            #expect(payload.fulfillmentOrderItems.first?.perUnitDeclaredValue?.value == Decimal(string: "18.99"))
            let shipment = try #require(payload.fulfillmentShipments?.first)
            #expect(shipment.fulfillmentShipmentStatus == .pending)
            #expect(shipment.fulfillmentShipmentItem.last?.manufacturerLotCodes?.count == 2)
        }
    }

    @Test func listAllFulfillmentOrdersExampleDecodes() throws {
        let bodies = try Self.exampleBodies(Self.outboundModel, operation: "listAllFulfillmentOrders")
        #expect(bodies.count == 1)
        for body in bodies {
            let orders = try ResponseDecoder.decode(FulfillmentOutbound.ListAllFulfillmentOrdersResponse.self, from: body,
                                                    operation: "listAllFulfillmentOrders").payload?.fulfillmentOrders ?? []
            #expect(orders.count == 2)
            // The example writes statuses in capitals although the model's enum is "Received", "Complete".
            #expect(orders.map(\.fulfillmentOrderStatus) == [.received, .complete])
            // ...and leaves out marketplaceId, which the model calls required.
            #expect(orders.allSatisfy { $0.marketplaceId == nil })
        }
    }

    /// A hand-written body in the model's shape (the model has no example) decodes, details included.
    @Test func inventorySummariesInTheModelShapeDecode() throws {
        let body = Data(#"""
        {"payload":{"granularity":{"granularityType":"Marketplace","granularityId":"ATVPDKIKX0DER"},
         "inventorySummaries":[{"asin":"B0","fnSku":"X0","sellerSku":"S1","condition":"NewItem","lastUpdatedTime":"2026-01-02T03:04:05Z",
          "productName":"P","totalQuantity":7,"stores":[],"inventoryDetails":{"fulfillableQuantity":5,"inboundWorkingQuantity":1,
          "inboundShippedQuantity":0,"inboundReceivingQuantity":0,"reservedQuantity":{"totalReservedQuantity":1},
          "researchingQuantity":{"totalResearchingQuantity":0,"researchingQuantityBreakdown":[{"name":"researchingQuantityInShortTerm","quantity":0}]},
          "unfulfillableQuantity":{"totalUnfulfillableQuantity":0}}}]},
         "pagination":{"nextToken":"abc"}}
        """#.utf8)
        let page = try ResponseDecoder.decode(FBAInventory.GetInventorySummariesResponse.self, from: body, operation: "getInventorySummaries")
        let summary = try #require(page.payload?.inventorySummaries.first)
        #expect(summary.sellerSku == "S1")
        #expect(summary.inventoryDetails?.fulfillableQuantity == 5)
        #expect(summary.inventoryDetails?.reservedQuantity?.totalReservedQuantity == 1)
        #expect(summary.lastUpdatedTime == AmazonTime.date("2026-01-02T03:04:05Z"))
        #expect(page.pagination?.nextToken == "abc")
    }

    @Test func missingRequiredFieldIsNamed() throws {
        let body = Data(#"{"payload":{"fulfillmentOrder":{"sellerFulfillmentOrderId":"A"},"fulfillmentOrderItems":[],"returnItems":[],"returnAuthorizations":[]}}"#.utf8)
        #expect {
            _ = try ResponseDecoder.decode(FulfillmentOutbound.GetFulfillmentOrderResponse.self, from: body, operation: "getFulfillmentOrder")
        } throws: { error in
            guard case SellingPartnerError.decoding(let operation, let field, _) = error else { return false }
            return operation == "getFulfillmentOrder" && field == "payload.fulfillmentOrder.displayableOrderId"
        }
        let inventory = Data(#"{"payload":{"granularity":{}}}"#.utf8)
        #expect {
            _ = try ResponseDecoder.decode(FBAInventory.GetInventorySummariesResponse.self, from: inventory, operation: "getInventorySummaries")
        } throws: { error in
            guard case SellingPartnerError.decoding(_, let field, _) = error else { return false }
            return field == "payload.inventorySummaries"
        }
    }

    @Test func unknownEnumValuesDecode() throws {
        let body = Data(#"""
        {"payload":{"fulfillmentOrders":[{"sellerFulfillmentOrderId":"A","marketplaceId":"M","displayableOrderId":"D",
         "displayableOrderDate":"2026-01-01T00:00:00Z","displayableOrderComment":"c","shippingSpeedCategory":"Teleport",
         "destinationAddress":{"name":"n","addressLine1":"a","postalCode":"p","countryCode":"US"},"receivedDate":"2026-01-01T00:00:00Z",
         "fulfillmentOrderStatus":"Levitating","statusUpdatedDate":"2026-01-01T00:00:00.123Z"}]}}
        """#.utf8)
        let order = try #require(try ResponseDecoder.decode(FulfillmentOutbound.ListAllFulfillmentOrdersResponse.self, from: body,
                                                            operation: "listAllFulfillmentOrders").payload?.fulfillmentOrders?.first)
        #expect(order.fulfillmentOrderStatus.rawValue == "Levitating")
        #expect(order.shippingSpeedCategory.rawValue == "Teleport")
    }

    /// The request body carries the model's names, the date in ISO 8601 and money as a decimal string.
    @Test func createRequestEncodesInTheModelShape() throws {
        let request = FulfillmentOutbound.CreateFulfillmentOrderRequest(
            marketplaceId: "ATVPDKIKX0DER", sellerFulfillmentOrderId: "MCF-1", displayableOrderId: "SHOP-1",
            displayableOrderDate: Date(timeIntervalSince1970: 1_700_000_000), displayableOrderComment: "Thank you",
            shippingSpeedCategory: .standard,
            destinationAddress: .init(name: "N", addressLine1: "1 Way", postalCode: "48084", countryCode: "US"),
            items: [.init(sellerSku: "S", sellerFulfillmentOrderItemId: "1", quantity: 2,
                          perUnitDeclaredValue: .init(currencyCode: "USD", value: Decimal(string: "18.99")!))])
        try request.validate()
        let object = try #require(try JSONSerialization.jsonObject(with: RequestEncoder.encode(request)) as? [String: Any])
        #expect(object["displayableOrderDate"] as? String == "2023-11-14T22:13:20Z")
        let item = try #require((object["items"] as? [[String: Any]])?.first)
        #expect((item["perUnitDeclaredValue"] as? [String: Any])?["value"] as? String == "18.99")
        var tooLong = request
        tooLong.sellerFulfillmentOrderId = String(repeating: "x", count: 41)
        #expect(throws: SellingPartnerError.self) { try tooLong.validate() }
        var noItems = request
        noItems.items = []
        #expect(throws: SellingPartnerError.self) { try noItems.validate() }
        #expect(throws: SellingPartnerError.self) {
            try GetInventorySummariesQuery(marketplaceId: "A", sellerSkus: (0..<51).map(String.init)).validate()
        }
        let items = Dictionary(uniqueKeysWithValues: GetInventorySummariesQuery(marketplaceId: "A", sellerSkus: ["x", "y"]).queryItems)
        #expect(items["granularityId"] == "A" && items["marketplaceIds"] == "A" && items["details"] == "true" && items["sellerSkus"] == "x,y")
    }
}
