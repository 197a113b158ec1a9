import SandboxHarness
import Foundation
import SellingPartner
import Testing

/// FBA Inventory and Fulfillment Outbound (MCF) through real libcurl against the real sandbox.
@Suite(.serialized) struct FulfillmentOutboundAndFBAInventoryEndToEndTests {
    static let us = "ATVPDKIKX0DER"

    /// The SKUs the sandbox fulfils by Amazon in US, as its Listings API reports them.
    static func fbaSkus(_ client: SellingPartnerClient) async throws -> [String] {
        var skus: [String] = []
        for try await page in client.searchListingsItemsPages(.init(marketplaceIds: [us], includedData: [.fulfillmentAvailability], pageSize: 20)) {
            skus += page.items.filter { $0.fulfillmentAvailability?.first?.fulfillmentChannelCode == "AMAZON_NA" }.map(\.sku)
        }
        return skus
    }

    static func order(_ id: String, sku: String, quantity: Int = 1) -> FulfillmentOutbound.CreateFulfillmentOrderRequest {
        .init(marketplaceId: us, sellerFulfillmentOrderId: id, displayableOrderId: "SHOP-\(id)", displayableOrderDate: Date(),
              displayableOrderComment: "Thank you for your order", shippingSpeedCategory: .standard,
              destinationAddress: .init(name: "Test Buyer", addressLine1: "1 Sample Street", city: "Sampletown", stateOrRegion: "MI",
                                        postalCode: "48084", countryCode: "US"),
              items: [.init(sellerSku: sku, sellerFulfillmentOrderItemId: "\(id)-1", quantity: quantity)])
    }

    @Test func inventorySummariesPageThroughEveryFBASku() async throws {
        let sandbox = try await SandboxHarness.start { $0.listings = 600; $0.fbaShare = 0.9 }
        defer { sandbox.stop() }
        let client = sandbox.client()
        let expected = try await Self.fbaSkus(client)
        #expect(expected.count > 100)
        var summaries: [FBAInventory.InventorySummary] = []
        var pages = 0
        for try await page in client.inventorySummariesPages(.init(marketplaceId: Self.us)) {
            pages += 1
            #expect(page.payload?.granularity.granularityId == Self.us)
            summaries += page.payload?.inventorySummaries ?? []
        }
        #expect(pages == (expected.count + 49) / 50)
        #expect(pages > 1)
        #expect(try await sandbox.counts("getInventorySummaries").requests == pages)
        #expect(Set(summaries.compactMap(\.sellerSku)) == Set(expected))
        #expect(summaries.allSatisfy { $0.inventoryDetails?.fulfillableQuantity != nil })
    }

    /// What Amazon holds in its fulfillment centres is what the summary says is fulfillable.
    @Test func inventorySummaryShowsAmazonsStock() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        let sku = try #require(try await Self.fbaSkus(client).first)
        try await sandbox.admin("POST", "fba-stock", ["sku": sku, "marketplace": "US", "fulfillable": 42])
        let page = try await client.getInventorySummaries(.init(marketplaceId: Self.us, sellerSkus: [sku]))
        let summary = try #require(page.payload?.inventorySummaries.first)
        #expect(page.payload?.inventorySummaries.count == 1)
        #expect(summary.sellerSku == sku)
        #expect(summary.inventoryDetails?.fulfillableQuantity == 42)
        #expect(summary.totalQuantity == 42)
        #expect(summary.inventoryDetails?.reservedQuantity?.totalReservedQuantity == 0)
        #expect(summary.lastUpdatedTime != nil)
        let withoutDetails = try await client.getInventorySummaries(.init(marketplaceId: Self.us, details: false, sellerSku: sku))
        #expect(withoutDetails.payload?.inventorySummaries.first?.inventoryDetails == nil)

        // Validation: the sandbox refuses a marketplace the seller is not in; the client refuses 51 SKUs itself.
        await #expect {
            _ = try await client.getInventorySummaries(.init(marketplaceId: "A1PA6795UKMFR9"))
        } throws: { error in
            guard case SellingPartnerError.api(let status, _) = error else { return false }
            return status == 400
        }
        let before = try await sandbox.counts("getInventorySummaries").requests
        await #expect(throws: SellingPartnerError.self) {
            _ = try await client.getInventorySummaries(.init(marketplaceId: Self.us, sellerSkus: (0...50).map { "S\($0)" }))
        }
        #expect(try await sandbox.counts("getInventorySummaries").requests == before)

        // Faults: 503 twice then success; a reset is retried; a malformed body is a typed decoding error.
        try await sandbox.fault("getInventorySummaries", "status", status: 503, count: 2)
        #expect(try await client.getInventorySummaries(.init(marketplaceId: Self.us, sellerSku: sku)).payload?.inventorySummaries.count == 1)
        try await sandbox.fault("getInventorySummaries", "reset", count: 1)
        #expect(try await client.getInventorySummaries(.init(marketplaceId: Self.us, sellerSku: sku)).payload?.inventorySummaries.count == 1)
        try await sandbox.fault("getInventorySummaries", "malformed", count: 1)
        await #expect {
            _ = try await client.getInventorySummaries(.init(marketplaceId: Self.us))
        } throws: { error in
            guard case SellingPartnerError.decoding(let operation, _, _) = error else { return false }
            return operation == "fbaInventory.getInventorySummaries"
        }
    }

    /// An MCF order is created, read back, listed, seen by the sandbox, and ships with tracking.
    @Test func multiChannelOrderIsCreatedReadListedAndShipped() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        let sku = try #require(try await Self.fbaSkus(client).first)
        let id = "MCF-\(UUID().uuidString.prefix(8))"
        let created = try await client.createFulfillmentOrder(Self.order(id, sku: sku, quantity: 2))
        #expect(created.errors == nil)

        let payload = try #require(try await client.getFulfillmentOrder(id).payload)
        #expect(payload.fulfillmentOrder.sellerFulfillmentOrderId == id)
        #expect(payload.fulfillmentOrder.marketplaceId == Self.us)
        #expect(payload.fulfillmentOrder.fulfillmentOrderStatus == .received)
        #expect(payload.fulfillmentOrder.destinationAddress.postalCode == "48084")
        #expect(payload.fulfillmentOrderItems.map(\.sellerSku) == [sku])
        #expect(payload.fulfillmentOrderItems.first?.quantity == 2)
        #expect(payload.fulfillmentShipments?.isEmpty ?? true)

        var listed: [FulfillmentOutbound.FulfillmentOrder] = []
        for try await page in client.listAllFulfillmentOrdersPages(queryStartDate: Date().addingTimeInterval(-3600)) {
            listed += page.payload?.fulfillmentOrders ?? []
        }
        #expect(listed.map(\.sellerFulfillmentOrderId).contains(id))
        let admin = try await sandbox.admin("GET", "fulfillment-orders")
        let received = admin["fulfillmentOrders"] as? [[String: Any]] ?? []
        #expect(received.contains { $0["sellerFulfillmentOrderId"] as? String == id && $0["displayableOrderId"] as? String == "SHOP-\(id)" })

        // Hours later (simulated) Amazon has shipped it, with a package and its tracking number.
        try await sandbox.admin("POST", "clock/advance", ["seconds": 5 * 3600])
        let shipped = try #require(try await client.getFulfillmentOrder(id).payload)
        #expect(shipped.fulfillmentOrder.fulfillmentOrderStatus == .complete)
        let shipment = try #require(shipped.fulfillmentShipments?.first)
        #expect(shipment.fulfillmentShipmentStatus == .shipped)
        #expect(shipment.fulfillmentShipmentItem.first?.sellerSku == sku)
        let package = try #require(shipment.fulfillmentShipmentPackage?.first)
        #expect(!package.carrierCode.isEmpty)
        #expect(package.trackingNumber?.isEmpty == false)
    }

    @Test func multiChannelOrdersPageAndValidate() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        let sku = try #require(try await Self.fbaSkus(client).first)
        let ids = (0..<205).map { String(format: "MCF-PAGE-%03d", $0) }
        for id in ids { try await client.createFulfillmentOrder(Self.order(id, sku: sku)) }
        var pages = 0
        var listed: [String] = []
        for try await page in client.listAllFulfillmentOrdersPages() {
            pages += 1
            listed += page.payload?.fulfillmentOrders?.map(\.sellerFulfillmentOrderId) ?? []
        }
        #expect(pages == 3)
        #expect(listed == ids)
        #expect(try await sandbox.counts("listAllFulfillmentOrders").requests == 3)

        // The sandbox refuses a duplicate id and a SKU that is not fulfilled by Amazon, as Amazon does.
        await #expect {
            try await client.createFulfillmentOrder(Self.order(ids[0], sku: sku))
        } throws: { error in
            guard case SellingPartnerError.api(let status, let errors) = error else { return false }
            return status == 400 && errors.first?.message.contains(ids[0]) == true
        }
        await #expect {
            try await client.createFulfillmentOrder(Self.order("MCF-NOT-FBA", sku: "NO-SUCH-SKU"))
        } throws: { error in
            guard case SellingPartnerError.api(let status, _) = error else { return false }
            return status == 400
        }
        await #expect {
            _ = try await client.getFulfillmentOrder("MCF-NEVER-CREATED")
        } throws: { error in
            guard case SellingPartnerError.api(let status, _) = error else { return false }
            return status == 404
        }
        // The client refuses what the model forbids before sending.
        let creates = try await sandbox.counts("createFulfillmentOrder").requests
        await #expect(throws: SellingPartnerError.self) {
            try await client.createFulfillmentOrder(Self.order(String(repeating: "X", count: 41), sku: sku))
        }
        await #expect(throws: SellingPartnerError.self) { try await client.createFulfillmentOrder(Self.order("MCF-ZERO", sku: sku, quantity: 0)) }
        #expect(try await sandbox.counts("createFulfillmentOrder").requests == creates)
    }

    @Test func multiChannelFaultsAreRetriedOrTyped() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        let sku = try #require(try await Self.fbaSkus(client).first)

        // A 503 is answered before the order is taken, so retrying the create is safe.
        try await sandbox.fault("createFulfillmentOrder", "status", status: 503, count: 2)
        try await client.createFulfillmentOrder(Self.order("MCF-FAULT-1", sku: sku))
        #expect(try await sandbox.counts("createFulfillmentOrder") == (requests: 3, throttled: 0, faulted: 2, unauthorized: 0))

        try await sandbox.fault("getFulfillmentOrder", "reset", count: 2)
        #expect(try await client.getFulfillmentOrder("MCF-FAULT-1").payload?.fulfillmentOrder.sellerFulfillmentOrderId == "MCF-FAULT-1")
        try await sandbox.fault("listAllFulfillmentOrders", "status", status: 500, count: 1)
        #expect(try await client.listAllFulfillmentOrders().payload?.fulfillmentOrders?.count == 1)

        try await sandbox.fault("getFulfillmentOrder", "malformed", count: 1)
        await #expect {
            _ = try await client.getFulfillmentOrder("MCF-FAULT-1")
        } throws: { error in
            guard case SellingPartnerError.decoding(let operation, _, _) = error else { return false }
            return operation == "fulfillmentOutbound_2020-07-01.getFulfillmentOrder"
        }
        try await sandbox.fault("listAllFulfillmentOrders", "truncate", count: 5)
        await #expect {
            _ = try await client.listAllFulfillmentOrders()
        } throws: { error in
            guard case SellingPartnerError.transport(_, _, .truncatedBody) = error else { return false }
            return true
        }
    }

    /// What works without creating an order: listing, a missing order, refusals, and faults on the read operations.
    @Test func multiChannelReadsRefusalsAndFaults() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        let page = try await client.listAllFulfillmentOrders(queryStartDate: Date().addingTimeInterval(-86400))
        #expect(page.payload?.fulfillmentOrders?.isEmpty ?? true)
        #expect(page.payload?.nextToken == nil)
        await #expect {
            _ = try await client.getFulfillmentOrder("MCF-NEVER-CREATED")
        } throws: { error in
            guard case SellingPartnerError.api(let status, _) = error else { return false }
            return status == 404
        }
        // The sandbox refuses a SKU that Amazon does not fulfil (before the line that crashes).
        await #expect {
            try await client.createFulfillmentOrder(Self.order("MCF-NOT-FBA", sku: "NO-SUCH-SKU"))
        } throws: { error in
            guard case SellingPartnerError.api(let status, let errors) = error else { return false }
            return status == 400 && errors.first?.message.contains("NO-SUCH-SKU") == true
        }
        // The client refuses what the model forbids before sending.
        let creates = try await sandbox.counts("createFulfillmentOrder").requests
        await #expect(throws: SellingPartnerError.self) {
            try await client.createFulfillmentOrder(Self.order(String(repeating: "X", count: 41), sku: "S"))
        }
        await #expect(throws: SellingPartnerError.self) { try await client.createFulfillmentOrder(Self.order("MCF-ZERO", sku: "S", quantity: 0)) }
        #expect(try await sandbox.counts("createFulfillmentOrder").requests == creates)

        try await sandbox.fault("listAllFulfillmentOrders", "status", status: 503, count: 2)
        #expect(try await client.listAllFulfillmentOrders().payload != nil)
        #expect(try await sandbox.counts("listAllFulfillmentOrders") == (requests: 4, throttled: 0, faulted: 2, unauthorized: 0))
        try await sandbox.fault("listAllFulfillmentOrders", "reset", count: 1)
        #expect(try await client.listAllFulfillmentOrders().payload != nil)
        try await sandbox.fault("listAllFulfillmentOrders", "malformed", count: 1)
        await #expect {
            _ = try await client.listAllFulfillmentOrders()
        } throws: { error in
            guard case SellingPartnerError.decoding(let operation, _, _) = error else { return false }
            return operation == "fulfillmentOutbound_2020-07-01.listAllFulfillmentOrders"
        }
        try await sandbox.fault("getFulfillmentOrder", "status", status: 500, count: 1)
        await #expect {
            _ = try await client.getFulfillmentOrder("MCF-NEVER-CREATED")
        } throws: { error in
            guard case SellingPartnerError.api(let status, _) = error else { return false }
            return status == 404
        }
        #expect(try await sandbox.counts("getFulfillmentOrder") == (requests: 3, throttled: 0, faulted: 1, unauthorized: 0))
    }
}
