import Foundation
import Testing
@testable import SellingPartner

/// Listings wire data (Listings Items API items and listings-report rows) map to the store's IncomingListing.
@Suite struct ListingsMappingTests {
    static let us = "ATVPDKIKX0DER"

    static func item(_ json: String) throws -> ListingsItems.Item {
        try ResponseDecoder.decode(ListingsItems.Item.self, from: Data(json.utf8), operation: "getListingsItem")
    }

    @Test("a variation child: parent SKU is the family, variation_theme names the attributes (R15), MFN quantity kept")
    func variationChild() throws {
        let listing = try Self.item("""
            {"sku":"FAM-1-2","summaries":[{"marketplaceId":"ATVPDKIKX0DER","asin":"B0CHILD02","productType":"SHIRT",
              "status":["BUYABLE"],"itemName":"Shirt Red M","createdDate":"2026-01-01T00:00:00Z","lastUpdatedDate":"2026-01-02T00:00:00Z"}],
             "attributes":{"variation_theme":[{"name":"COLOR/SIZE/MATERIAL/STYLE"}],
               "child_parent_sku_relationship":[{"child_relationship_type":"variation","parent_sku":"FAM-1","marketplace_id":"ATVPDKIKX0DER"}]},
             "fulfillmentAvailability":[{"fulfillmentChannelCode":"DEFAULT","quantity":12}]}
            """).incomingListing(marketplaceId: Self.us)
        #expect(listing.sku == "FAM-1-2")
        #expect(listing.asin == "B0CHILD02")
        #expect(listing.title == "Shirt Red M")
        #expect(listing.fulfillment == .mfn)
        #expect(listing.amazonQuantity == 12)
        #expect(listing.variationFamily == "FAM-1")
        #expect(listing.variationAttributes == ["color", "size", "material", "style"])
    }

    @Test("FBA when the channel code is not DEFAULT (AMAZON_EU); no quantity; the relationship's theme wins over the attribute")
    func fbaListing() throws {
        let listing = try Self.item("""
            {"sku":"FBA-1","summaries":[{"marketplaceId":"A1F83G8C2ARO7P","asin":"B0FBA00001","productType":"MUG","status":[],
              "createdDate":"2026-01-01T00:00:00Z","lastUpdatedDate":"2026-01-02T00:00:00Z"}],
             "attributes":{"item_name":[{"value":"Blue mug","marketplace_id":"A1F83G8C2ARO7P"}],"variation_theme":[{"name":"COLOR/SIZE/STYLE/MATERIAL"}]},
             "relationships":[{"marketplaceId":"A1F83G8C2ARO7P","relationships":[{"type":"VARIATION","parentSkus":["MUGS"],
               "variationTheme":{"attributes":["color","size"],"theme":"COLOR/SIZE"}}]}],
             "fulfillmentAvailability":[{"fulfillmentChannelCode":"AMAZON_EU"}]}
            """).incomingListing(marketplaceId: "A1F83G8C2ARO7P")
        #expect(listing.fulfillment == .fba)
        #expect(listing.amazonQuantity == nil)
        #expect(listing.title == "Blue mug")  // no summary name: the item_name attribute
        #expect(listing.variationFamily == "MUGS")
        #expect(listing.variationAttributes == ["color", "size"])
    }

    @Test("a listing without attributes or availability is a plain MFN listing outside any family")
    func bareListing() throws {
        let listing = try Self.item(#"{"sku":"PLAIN"}"#).incomingListing(marketplaceId: Self.us)
        #expect(listing.sku == "PLAIN" && listing.asin == nil && listing.title == nil)
        #expect(listing.fulfillment == .mfn && listing.amazonQuantity == nil)
        #expect(listing.variationFamily == nil && listing.variationAttributes.isEmpty)
    }

    @Test("report rows: fulfillment-channel decides FBA, quantity only for MFN, asin1 is the ASIN, status read")
    func reportRows() throws {
        let text = "item-name\tseller-sku\tquantity\tasin1\tfulfillment-channel\tstatus\n"
            + "Red mug\tMUG-RED\t7\tB000000001\tDEFAULT\tActive\n"
            + "Blue mug\tMUG-BLUE\t\tB000000002\tAMAZON_NA\tInactive\n"
        let rows = try MerchantListingsReport(Data(text.utf8)).compactMap { row -> MerchantListingsReport.Listing? in
            if case .listing(let l) = row { return l }
            return nil
        }
        try #require(rows.count == 2)
        let mfn = rows[0].incomingListing()
        #expect(mfn.sku == "MUG-RED" && mfn.asin == "B000000001" && mfn.title == "Red mug")
        #expect(mfn.fulfillment == .mfn && mfn.amazonQuantity == 7)
        #expect(mfn.variationFamily == nil && mfn.variationAttributes.isEmpty)
        #expect(rows[0].isActive)
        let fba = rows[1].incomingListing(variationFamily: "MUGS", variationAttributes: ["color"])
        #expect(fba.fulfillment == .fba && fba.amazonQuantity == nil)
        #expect(fba.variationFamily == "MUGS" && fba.variationAttributes == ["color"])
        #expect(!rows[1].isActive)
    }
}
