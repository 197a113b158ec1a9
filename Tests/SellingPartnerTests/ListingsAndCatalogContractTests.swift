import Foundation
import Testing
@testable import SellingPartner

/// Amazon's own static sandbox responses of Listings Items and Catalog Items decode with the client's types.
@Suite struct ListingsAndCatalogContractTests {
    static let listingsModel = "listingsItems_2021-08-01"

    @Test func getListingsItemStaticResponsesDecode() throws {
        let bodies = try ModelFixtures.staticSuccessBodies(Self.listingsModel, operation: "getListingsItem")
        #expect(bodies.count > 0)
        for body in bodies {
            let item = try ResponseDecoder.decode(ListingsItems.Item.self, from: body, operation: "getListingsItem")
            #expect(item.sku == "GM-ZDPI-9B4E")
            let us = try #require(item.summaries?.first { $0.marketplaceId == "ATVPDKIKX0DER" })
            #expect(us.asin == "B071VG5N9D")
            #expect(us.productType == "LUGGAGE")
            #expect(us.conditionType == .newNew)
            #expect(us.status == [.buyable])
            #expect(us.createdDate == AmazonTime.date("2021-02-01T00:00:00Z"))
            #expect(item.quantity() == 100)
            #expect(item.offers?.first?.price == .init(currencyCode: "USD", amount: Decimal(string: "100.00")!))
            #expect(item.issues?.contains { $0.severity == .error && $0.categories == ["MISSING_ATTRIBUTE"] } == true)
            #expect(item.issues?.contains { $0.enforcements?.exemption.status == .exemptUntilExpiryDate } == true)
        }
    }

    @Test func patchListingsItemStaticResponsesDecode() throws {
        let bodies = try ModelFixtures.staticSuccessBodies(Self.listingsModel, operation: "patchListingsItem")
        #expect(bodies.count == 3)
        let decoded = try bodies.map { try ResponseDecoder.decode(ListingsItems.ListingsItemSubmissionResponse.self, from: $0, operation: "patchListingsItem") }
        #expect(Set(decoded.map(\.status)) == [.accepted, .valid, .invalid])
        let invalid = try #require(decoded.first { $0.status == .invalid })
        #expect(invalid.issues?.first?.attributeNames == ["fake_attribute"])
        #expect(decoded.first { $0.status == .valid }?.identifiers?.first?.asin == "B07N4M94X4")
    }

    @Test func searchListingsItemsStaticResponsesDecode() throws {
        let bodies = try ModelFixtures.staticSuccessBodies(Self.listingsModel, operation: "searchListingsItems")
        #expect(bodies.count > 0)
        for body in bodies {
            let page = try ResponseDecoder.decode(ListingsItems.ItemSearchResults.self, from: body, operation: "searchListingsItems")
            #expect(page.numberOfResults == 3)
            #expect(page.pagination?.nextToken?.isEmpty == false)
            #expect(page.items.first?.sku == "GM-ZDPI-9B4E")
            #expect(page.items.first?.fulfillmentAvailability?.first == .init(fulfillmentChannelCode: "DEFAULT", quantity: 100))
        }
    }

    @Test func getCatalogItemStaticResponsesDecode() throws {
        let bodies = try ModelFixtures.staticSuccessBodies("catalogItems_2022-04-01", operation: "getCatalogItem")
        #expect(bodies.count > 0)
        for body in bodies {
            let item = try ResponseDecoder.decode(CatalogItems.Item.self, from: body, operation: "getCatalogItem")
            #expect(item.asin == "B07N4M94X4")
            let variation = try #require(item.variation(marketplaceId: "ATVPDKIKX0DER"))
            #expect(variation.parentAsins == ["B08J7TQ9FL"])
            #expect(variation.variationTheme?.theme == "SIZE_NAME/COLOR_NAME")
            // R15 counts these attributes.
            #expect(item.variationAttributes(marketplaceId: "ATVPDKIKX0DER") == ["color", "size"])
            #expect(item.summaries?.first?.itemClassification == .baseProduct)
            #expect(item.identifiers?.first?.identifiers.contains { $0.identifierType == "UPC" } == true)
            #expect(item.productTypes?.first?.productType == "TELEVISION")
        }
    }

    /// The MFN quantity patch has the shape of the listings feed schema's own example.
    @Test func merchantQuantityPatchHasTheFeedSchemaShape() throws {
        let request = ListingsItems.ListingsItemPatchRequest.merchantQuantity(productType: "LUGGAGE", quantity: 10)
        let json = String(decoding: try RequestEncoder.encode(request), as: UTF8.self)
        #expect(json == #"{"patches":[{"op":"replace","path":"/attributes/fulfillment_availability","value":[{"fulfillment_channel_code":"DEFAULT","quantity":10}]}],"productType":"LUGGAGE"}"#)
    }

    /// A missing required field is a decoding error naming its coding path.
    @Test func missingRequiredFieldIsNamed() throws {
        let body = Data(#"{"numberOfResults":1,"items":[{"sku":"A","summaries":[{"marketplaceId":"ATVPDKIKX0DER","status":[],"createdDate":"2021-02-01T00:00:00Z","lastUpdatedDate":"2021-02-01T00:00:00Z"}]}]}"#.utf8)
        do {
            _ = try ResponseDecoder.decode(ListingsItems.ItemSearchResults.self, from: body, operation: "searchListingsItems")
            Issue.record("decoded without productType")
        } catch let SellingPartnerError.decoding(operation, field, _) {
            #expect(operation == "searchListingsItems")
            #expect(field == "items.[0].summaries.[0].productType")
        }
        let catalog = Data(#"{"asin":"B0","relationships":[{"marketplaceId":"X","relationships":[{"childAsins":[]}]}]}"#.utf8)
        #expect {
            _ = try ResponseDecoder.decode(CatalogItems.Item.self, from: catalog, operation: "getCatalogItem")
        } throws: { error in
            guard case SellingPartnerError.decoding(_, let field, _) = error else { return false }
            return field == "relationships.[0].relationships.[0].type"
        }
    }

    /// Unknown enum values decode and keep their raw text.
    @Test func unknownEnumValuesDecode() throws {
        let body = Data(#"{"sku":"S","status":"QUEUED_FOR_LATER","submissionId":"x","issues":[{"code":"1","message":"m","severity":"FATAL","categories":[]}]}"#.utf8)
        let decoded = try ResponseDecoder.decode(ListingsItems.ListingsItemSubmissionResponse.self, from: body, operation: "patchListingsItem")
        #expect(decoded.status.rawValue == "QUEUED_FOR_LATER")
        #expect(decoded.issues?.first?.severity.rawValue == "FATAL")
        let item = Data(#"{"asin":"B0","relationships":[{"marketplaceId":"X","relationships":[{"type":"BUNDLE"}]}]}"#.utf8)
        #expect(try ResponseDecoder.decode(CatalogItems.Item.self, from: item, operation: "getCatalogItem").relationships?.first?.relationships.first?.type.rawValue == "BUNDLE")
    }

    /// Attributes round-trip as raw JSON, numbers exact.
    @Test func attributesRoundTripAsRawJSON() throws {
        let body = Data(#"{"sku":"S","attributes":{"list_price":[{"value":19.99,"currency":"USD"}],"flag":[{"value":true}],"none":null,"fulfillment_availability":[{"fulfillment_channel_code":"DEFAULT","quantity":1}]}}"#.utf8)
        let item = try ResponseDecoder.decode(ListingsItems.Item.self, from: body, operation: "getListingsItem")
        #expect(item.attributes?["list_price"]?[0]?["value"] == .number(Decimal(string: "19.99")!))
        #expect(item.attributes?["flag"]?[0]?["value"] == .bool(true))
        #expect(item.attributes?["none"] == .null)
        // 1 stays a number (never the boolean true).
        #expect(item.attributes?["fulfillment_availability"]?[0]?["quantity"]?.intValue == 1)
        let again = try JSONDecoder().decode([String: ListingsAttributeValue].self, from: try JSONEncoder().encode(item.attributes))
        #expect(again == item.attributes)
    }

    /// Requests Amazon would refuse never leave the client.
    @Test func searchValidationRefusesWhatAmazonRefuses() throws {
        #expect(throws: SellingPartnerError.self) { try SearchListingsItemsQuery(marketplaceIds: []).validate() }
        #expect(throws: SellingPartnerError.self) { try SearchListingsItemsQuery(marketplaceIds: ["A"], pageSize: 21).validate() }
        #expect(throws: SellingPartnerError.self) { try SearchListingsItemsQuery(marketplaceIds: ["A"], pageSize: 0).validate() }
        #expect(throws: SellingPartnerError.self) {
            try SearchListingsItemsQuery(marketplaceIds: ["A"], identifiers: (0..<21).map(String.init), identifiersType: .sku).validate()
        }
        #expect(throws: SellingPartnerError.self) { try SearchListingsItemsQuery(marketplaceIds: ["A"], identifiers: ["X"]).validate() }
        #expect(throws: SellingPartnerError.self) {
            try SearchListingsItemsQuery(marketplaceIds: ["A"], identifiers: ["X"], identifiersType: .sku, variationParentSku: "P").validate()
        }
        try SearchListingsItemsQuery(marketplaceIds: ["A"], identifiers: ["X"], identifiersType: .sku, pageSize: 20).validate()
        let query = SearchListingsItemsQuery(marketplaceIds: ["A", "B"], includedData: [.summaries, .fulfillmentAvailability],
                                             createdAfter: Date(timeIntervalSince1970: 0), withStatus: [.buyable], sortBy: .sku,
                                             sortOrder: .ascending, pageSize: 5)
        let items = Dictionary(uniqueKeysWithValues: query.queryItems)
        #expect(items["marketplaceIds"] == "A,B")
        #expect(items["includedData"] == "summaries,fulfillmentAvailability")
        #expect(items["createdAfter"] == "1970-01-01T00:00:00Z")
        #expect(items["withStatus"] == "BUYABLE")
        #expect(items["sortOrder"] == "ASC")
        #expect(items["pageSize"] == "5")
    }
}
