import SandboxHarness
import Foundation
import SellingPartner
import Testing

/// Listings Items and Catalog Items through real libcurl against the real sandbox: paging, patches, validation, faults.
@Suite(.serialized) struct ListingsAndCatalogEndToEndTests {
    static let us = "ATVPDKIKX0DER"

    /// Every US listing, through the page stream.
    static func allListings(_ client: SellingPartnerClient, pageSize: Int = 20,
                            includedData: [ListingsItems.IncludedData] = [.summaries, .fulfillmentAvailability])
    async throws -> (items: [ListingsItems.Item], pages: Int, reported: Int) {
        var items: [ListingsItems.Item] = []
        var pages = 0
        var reported = 0
        for try await page in client.searchListingsItemsPages(.init(marketplaceIds: [us], includedData: includedData, pageSize: pageSize)) {
            pages += 1
            reported = page.numberOfResults
            items += page.items
        }
        return (items, pages, reported)
    }

    @Test func searchPagesThroughEveryListing() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        let (items, pages, reported) = try await Self.allListings(client, pageSize: 7)
        // The sandbox seeds 120 listings over US, UK and IN; about a third are in US.
        #expect(reported > 20)
        #expect(items.count == reported)
        #expect(Set(items.map(\.sku)).count == reported)
        #expect(pages == (reported + 6) / 7)
        let counts = try await sandbox.counts("searchListingsItems")
        #expect(counts.requests == pages + counts.throttled)  // a 429 from jitter costs exactly one more
        #expect(items.allSatisfy { $0.summaries?.first?.marketplaceId == Self.us })
        // Every listing the sandbox holds for US is found by its admin API, with the same ASIN.
        let sample = try #require(items.last)
        let admin = try await sandbox.admin("GET", "listings/US/\(sample.sku)")
        #expect(((admin["summaries"] as? [[String: Any]])?.first?["asin"] as? String) == sample.summaries?.first?.asin)

        // Search by SKU identifiers finds exactly those listings.
        let wanted = [items[0].sku, items[5].sku, items[9].sku]
        let found = try await client.searchListingsItems(.init(marketplaceIds: [Self.us], identifiers: wanted, identifiersType: .sku))
        #expect(Set(found.items.map(\.sku)) == Set(wanted))
        #expect(found.numberOfResults == 3)
    }

    /// The page stream fetches a page only when asked: stopping after the first page costs one request.
    @Test func pageStreamFetchesOnDemand() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        var pages = client.searchListingsItemsPages(.init(marketplaceIds: [Self.us], pageSize: 5)).makeAsyncIterator()
        #expect(try await pages.next()?.items.count == 5)
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await sandbox.counts("searchListingsItems").requests == 1)
        #expect(try await pages.next()?.items.count == 5)
        #expect(try await sandbox.counts("searchListingsItems").requests == 2)

        // An error ends the stream with that error.
        try await sandbox.fault("searchListingsItems", "malformed", count: 1)
        await #expect(throws: SellingPartnerError.self) { _ = try await pages.next() }
    }

    @Test func getListingsItemReadsOneListing() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        let first = try #require(try await client.searchListingsItems(.init(marketplaceIds: [Self.us], pageSize: 1)).items.first)
        let item = try await client.getListingsItem(sku: first.sku, includedData: [.summaries, .attributes, .issues, .fulfillmentAvailability])
        #expect(item.sku == first.sku)
        let summary = try #require(item.summaries?.first)
        #expect(summary.marketplaceId == Self.us)
        #expect(summary.status.contains(.buyable))
        #expect(summary.itemName?.isEmpty == false)
        #expect(summary.lastUpdatedDate >= summary.createdDate)
        #expect(item.attributes?["item_name"]?[0]?["value"]?.stringValue == summary.itemName)
        #expect(item.fulfillmentAvailability?.isEmpty == false)
        #expect(try await sandbox.counts("getListingsItem").requests == 1)
    }

    /// R16: the MFN quantity patch reaches Amazon's side of the listing.
    @Test func patchingTheMerchantQuantityChangesWhatAmazonHolds() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        let (items, _, _) = try await Self.allListings(client)
        let mfn = try #require(items.first { $0.fulfillmentAvailability?.first?.fulfillmentChannelCode == "DEFAULT" })
        let productType = try #require(mfn.summaries?.first?.productType)
        let target = (mfn.quantity() ?? 0) + 37
        let response = try await client.patchListingsItem(sku: mfn.sku, .merchantQuantity(productType: productType, quantity: target))
        #expect(response.status == .accepted)
        #expect(response.sku == mfn.sku)
        #expect(!response.submissionId.isEmpty)
        #expect(response.issues?.isEmpty ?? true)
        let admin = try await sandbox.admin("GET", "listings/US/\(mfn.sku)")
        #expect(admin["quantity"] as? Int == target)
        #expect(try await client.getListingsItem(sku: mfn.sku, includedData: [.fulfillmentAvailability]).quantity() == target)

        // A patch Amazon refuses comes back INVALID with issues, and leaves the quantity alone.
        let bad = ListingsItems.ListingsItemPatchRequest(productType: productType, patches: [
            .init(op: .replace, path: "/attributes/fulfillment_availability", value: [["fulfillment_channel_code": "DEFAULT", "quantity": -1]]),
        ])
        let refused = try await client.patchListingsItem(sku: mfn.sku, bad)
        #expect(refused.status == .invalid)
        #expect(refused.issues?.first?.severity == .error)
        #expect(try await sandbox.admin("GET", "listings/US/\(mfn.sku)")["quantity"] as? Int == target)
    }

    /// Sold out is quantity 0 (and 1 stays a number, not a boolean); VALIDATION_PREVIEW changes nothing.
    @Test func zeroQuantityAndValidationPreview() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        let (items, _, _) = try await Self.allListings(client)
        let mfn = try #require(items.first { $0.fulfillmentAvailability?.first?.fulfillmentChannelCode == "DEFAULT" })
        let productType = try #require(mfn.summaries?.first?.productType)
        _ = try await client.patchListingsItem(sku: mfn.sku, .merchantQuantity(productType: productType, quantity: 5))
        let preview = try await client.patchListingsItem(sku: mfn.sku, .merchantQuantity(productType: productType, quantity: 9),
                                                         mode: .validationPreview)
        #expect(preview.status == .valid)
        let afterPreview = try await sandbox.admin("GET", "listings/US/\(mfn.sku)")["quantity"] as? Int
        #expect(afterPreview == 5)
        for quantity in [0, 1] {
            let patched = try await client.patchListingsItem(sku: mfn.sku, .merchantQuantity(productType: productType, quantity: quantity))
            #expect(patched.status == .accepted)
            #expect(try await sandbox.admin("GET", "listings/US/\(mfn.sku)")["quantity"] as? Int == quantity)
        }
    }

    @Test func sandboxValidationComesBackAsTypedErrors() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        await #expect {
            _ = try await client.searchListingsItems(.init(marketplaceIds: ["A1PA6795UKMFR9"]))
        } throws: { error in
            guard case SellingPartnerError.api(let status, let errors) = error else { return false }
            return status == 400 && errors.first?.message.contains("A1PA6795UKMFR9") == true
        }
        await #expect {
            _ = try await client.getListingsItem(sku: "NO-SUCH-SKU-\(UUID().uuidString)")
        } throws: { error in
            guard case SellingPartnerError.api(let status, _) = error else { return false }
            return status == 404
        }
        // What the client refuses itself never reaches the sandbox.
        await #expect(throws: SellingPartnerError.self) { _ = try await client.searchListingsItems(.init(marketplaceIds: [Self.us], pageSize: 21)) }
        await #expect(throws: SellingPartnerError.self) { _ = try await client.getListingsItem(sku: "A/B") }
        await #expect(throws: SellingPartnerError.self) {
            _ = try await client.patchListingsItem(sku: "X", .init(productType: "LUGGAGE", patches: []))
        }
        #expect(try await sandbox.counts("searchListingsItems").requests == 1)
        #expect(try await sandbox.counts("patchListingsItem").requests == 0)
    }

    @Test func listingsFaultsAreRetriedOrTyped() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        let query = SearchListingsItemsQuery(marketplaceIds: [Self.us], pageSize: 3)

        try await sandbox.fault("searchListingsItems", "status", status: 503, count: 2)
        #expect(try await client.searchListingsItems(query).items.count == 3)
        #expect(try await sandbox.counts("searchListingsItems") == (requests: 3, throttled: 0, faulted: 2, unauthorized: 0))

        try await sandbox.fault("searchListingsItems", "reset", count: 1)
        #expect(try await client.searchListingsItems(query).items.count == 3)

        try await sandbox.fault("getListingsItem", "malformed", count: 1)
        await #expect {
            _ = try await client.getListingsItem(sku: "ANY")
        } throws: { error in
            guard case SellingPartnerError.decoding(let operation, _, _) = error else { return false }
            return operation == "listingsItems_2021-08-01.getListingsItem"
        }

        // Unknown enum values (here in place of BUYABLE and ACCEPTED) decode rather than fail.
        let sku = try #require(try await client.searchListingsItems(query).items.first)
        try await sandbox.fault("getListingsItem", "unknownEnum", count: 1)
        let odd = try await client.getListingsItem(sku: sku.sku)
        #expect(odd.summaries?.first?.status.contains(.init(rawValue: "SANDBOX_UNKNOWN_VALUE")) == true)
        try await sandbox.fault("patchListingsItem", "unknownEnum", count: 1)
        let productType = try #require(sku.summaries?.first?.productType)
        let patched = try await client.patchListingsItem(sku: sku.sku, .merchantQuantity(productType: productType, quantity: 3))
        #expect(patched.status.rawValue == "SANDBOX_UNKNOWN_VALUE")

        try await sandbox.fault("patchListingsItem", "status", status: 500, count: 2)
        #expect(try await client.patchListingsItem(sku: sku.sku, .merchantQuantity(productType: productType, quantity: 4)).status == .accepted)
    }

    /// R15: the catalog tells the variation family and its attributes, from the child and from the parent.
    @Test func catalogItemShowsTheVariationFamily() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        let (items, _, _) = try await Self.allListings(client, includedData: [.summaries, .attributes])
        let child = try #require(items.first { $0.attributes?["child_parent_sku_relationship"] != nil })
        let asin = try #require(child.summaries?.first?.asin)

        let item = try await client.getCatalogItem(asin: asin, includedData: [.summaries, .relationships, .attributes, .identifiers])
        #expect(item.asin == asin)
        let variation = try #require(item.variation(marketplaceId: Self.us))
        #expect(variation.type == .variation)
        #expect((2...4).contains(item.variationAttributes(marketplaceId: Self.us).count))
        let admin = try await sandbox.admin("GET", "listings/US/\(child.sku)")
        #expect(Set(item.variationAttributes(marketplaceId: Self.us)) == Set((admin["variationAttributes"] as? [String: String] ?? [:]).keys))
        let parentAsin = try #require(variation.parentAsins?.first)
        #expect(item.identifiers?.first?.identifiers.first?.identifier == child.sku)

        let parent = try await client.getCatalogItem(asin: parentAsin)
        #expect(parent.summaries?.first?.itemClassification == .variationParent)
        #expect(parent.variation(marketplaceId: Self.us)?.childAsins?.contains(asin) == true)
        #expect(parent.variationAttributes(marketplaceId: Self.us) == item.variationAttributes(marketplaceId: Self.us))

        // A standalone product has no variation relationship: nothing for R15 to count.
        let single = try #require(items.first { $0.attributes?["child_parent_sku_relationship"] == nil })
        let plain = try await client.getCatalogItem(asin: try #require(single.summaries?.first?.asin))
        #expect(plain.variationAttributes(marketplaceId: Self.us).isEmpty)

        await #expect {
            _ = try await client.getCatalogItem(asin: "B0NOSUCHAS")
        } throws: { error in
            guard case SellingPartnerError.api(let status, _) = error else { return false }
            return status == 404
        }
        try await sandbox.fault("getCatalogItem", "status", status: 503, count: 2)
        #expect(try await client.getCatalogItem(asin: asin).asin == asin)
        try await sandbox.fault("getCatalogItem", "malformed", count: 1)
        await #expect {
            _ = try await client.getCatalogItem(asin: asin)
        } throws: { error in
            guard case SellingPartnerError.decoding = error else { return false }
            return true
        }
    }
}
