import SandboxHarness
import Foundation
import SellingPartner
import Testing

/// Orders through the real sandbox over libcurl: paged searches, included data, getOrder, confirmShipment, faults.
@Suite(.serialized) struct OrdersEndToEndTests {
    static let allMarketplaces = ["ATVPDKIKX0DER", "A1F83G8C2ARO7P", "A21TJRUUN4KGV"]

    /// Every seeded order comes back exactly once over many small pages, in both the created and the lastUpdated window.
    @Test func everySeededOrderOverManyPages() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client(marketplaceIds: Self.allMarketplaces)
        let monthAgo = Date().addingTimeInterval(-31 * 86400)

        var ids: [String] = []
        var pages = 0
        var lastPageHadToken = true
        for try await page in client.searchOrdersPages(.created(after: monthAgo, marketplaceIds: Self.allMarketplaces, maxResultsPerPage: 7)) {
            pages += 1
            #expect(page.orders.count <= 7)
            ids += page.orders.map(\.orderId)
            lastPageHadToken = page.pagination?.nextToken != nil
        }
        let seeded = sandbox.configuration.orders
        #expect(ids.count == seeded)
        #expect(Set(ids).count == ids.count, "no order twice")
        #expect(pages == (seeded + 6) / 7)
        #expect(!lastPageHadToken)
        // One request a page; a 429 caused by jitter on a loaded machine costs exactly one more.
        let counts = try await sandbox.counts("searchOrders")
        #expect(counts.requests == pages + counts.throttled)

        // The lastUpdated window (the incremental-sync form) sees the same orders.
        var updatedIds: Set<String> = []
        for try await page in client.searchOrdersPages(.updated(after: monthAgo, marketplaceIds: Self.allMarketplaces, maxResultsPerPage: 100)) {
            updatedIds.formUnion(page.orders.map(\.orderId))
        }
        #expect(updatedIds == Set(ids))

        // AFN and MFN split the same set without overlap.
        var byChannel: [Orders.FulfilledBy: Set<String>] = [:]
        for channel in Orders.FulfilledBy.allKnown {
            var query = Orders.SearchOrdersQuery.created(after: monthAgo, marketplaceIds: Self.allMarketplaces, includedData: [.fulfillment],
                                                         maxResultsPerPage: 100)
            query.fulfilledBy = [channel]
            for try await page in client.searchOrdersPages(query) {
                #expect(page.orders.allSatisfy { $0.fulfilledBy == channel })
                byChannel[channel, default: []].formUnion(page.orders.map(\.orderId))
            }
        }
        #expect(byChannel[.amazon, default: []].isDisjoint(with: byChannel[.merchant, default: []]))
        #expect(byChannel[.amazon, default: []].union(byChannel[.merchant, default: []]) == Set(ids))
        #expect(!byChannel[.amazon, default: []].isEmpty && !byChannel[.merchant, default: []].isEmpty)

        // Spot checks against what the sandbox holds.
        for id in stride(from: 0, to: ids.count, by: 37).map({ ids[$0] }) {
            let held = try await sandbox.admin("GET", "orders/\(id)")
            #expect(held["orderId"] as? String == id)
        }
    }

    /// includedData brings buyer and recipient; without it they are absent.
    @Test func includedDataBringsBuyerAndRecipient() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client(marketplaceIds: Self.allMarketplaces)
        let monthAgo = Date().addingTimeInterval(-31 * 86400)

        let bare = try await client.searchOrders(.created(after: monthAgo, marketplaceIds: ["ATVPDKIKX0DER"], maxResultsPerPage: 20))
        #expect(!bare.orders.isEmpty)
        #expect(bare.orders.allSatisfy { $0.buyer == nil && $0.recipient == nil })

        let full = try await client.searchOrders(.created(after: monthAgo, marketplaceIds: ["ATVPDKIKX0DER"],
                                                         includedData: [.buyer, .recipient, .fulfillment, .proceeds], maxResultsPerPage: 20))
        #expect(full.orders.map(\.orderId) == bare.orders.map(\.orderId))
        for order in full.orders {
            #expect(order.marketplaceId == "ATVPDKIKX0DER")
            #expect(order.buyerName?.isEmpty == false)
            #expect(order.deliveryAddress?.name?.isEmpty == false)
            #expect(order.deliveryAddress?.countryCode == "US")
            #expect(order.grandTotal?.currencyCode == "USD")
            // Amazon gives the buyer's (anonymized) email for merchant-fulfilled orders only.
            #expect((order.buyerEmail != nil) == (order.fulfilledBy == .merchant))
            for item in order.orderItems {
                #expect(item.sellerSku?.isEmpty == false && item.asin?.isEmpty == false)
                #expect((item.quantityShipped ?? -1) + (item.quantityUnshipped ?? -1) == item.quantityOrdered)
                #expect((item.unitPrice?.amount ?? 0) > 0)
            }
            if order.fulfillmentStatus == .shipped { #expect(order.orderItems.allSatisfy { $0.quantityShipped == $0.quantityOrdered }) }
        }
        let first = try #require(full.orders.first)
        let held = try await sandbox.admin("GET", "orders/\(first.orderId)")
        #expect((held["buyer"] as? [String: Any])?["buyerName"] as? String == first.buyerName)
    }

    /// getOrder returns the order the search found; an unknown id is Amazon's 404.
    @Test func getOrderOfOne() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client(marketplaceIds: Self.allMarketplaces)
        let page = try await client.searchOrders(.created(after: Date().addingTimeInterval(-31 * 86400), marketplaceIds: ["A1F83G8C2ARO7P"],
                                                         includedData: [.buyer, .recipient], maxResultsPerPage: 5))
        let found = try #require(page.orders.last)
        let order = try await client.getOrder(orderId: found.orderId, includedData: [.buyer, .recipient]).order
        #expect(order.orderId == found.orderId)
        #expect(order.marketplaceId == "A1F83G8C2ARO7P")
        #expect(order.createdTime == found.createdTime)
        #expect(order.orderItems.map(\.orderItemId) == found.orderItems.map(\.orderItemId))
        #expect(order.buyerName == found.buyerName)
        #expect(order.deliveryAddress == found.deliveryAddress)
        #expect(try await sandbox.counts("getOrder").requests == 1)

        let error = await Self.failure { _ = try await client.getOrder(orderId: "999-0000000-0000000") }
        guard case .api(404, let errors)? = error else { Issue.record("expected a 404, got \(String(describing: error))"); return }
        #expect(errors.first?.code == "NotFound")
    }

    /// Shipping an unshipped merchant order reaches the sandbox; the order then reads as shipped and cannot ship twice.
    @Test func confirmShipmentOfUnshippedMerchantOrder() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client(marketplaceIds: Self.allMarketplaces)
        var query = Orders.SearchOrdersQuery.created(after: Date().addingTimeInterval(-31 * 86400), marketplaceIds: Self.allMarketplaces,
                                                     includedData: [.fulfillment], maxResultsPerPage: 100)
        query.fulfillmentStatuses = [.unshipped]
        query.fulfilledBy = [.merchant]
        var candidates: [Orders.Order] = []
        for try await page in client.searchOrdersPages(query) { candidates += page.orders }
        #expect(candidates.allSatisfy { $0.fulfillmentStatus == .unshipped && $0.fulfilledBy == .merchant })
        let order = try #require(candidates.first)

        let shipDate = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 600).rounded(.down))
        let request = OrdersV0.ConfirmShipmentRequest(
            packageDetail: .init(packageReferenceId: "1", carrierCode: "UPS", shippingMethod: "UPS Ground", trackingNumber: "1Z999AA10123456784",
                                 shipDate: shipDate, orderItems: order.orderItems.map { .init(orderItemId: $0.orderItemId, quantity: $0.quantityOrdered) }),
            marketplaceId: try #require(order.marketplaceId))
        try await client.confirmShipment(orderId: order.orderId, request)

        let shipments = try await sandbox.admin("GET", "shipments")["shipments"] as? [[String: Any]] ?? []
        let received = try #require(shipments.first { $0["orderId"] as? String == order.orderId })
        let package = try #require(received["packageDetail"] as? [String: Any])
        #expect(package["trackingNumber"] as? String == "1Z999AA10123456784")
        #expect(package["carrierCode"] as? String == "UPS")
        #expect(package["shipDate"] as? String == AmazonTime.string(shipDate))
        #expect((package["orderItems"] as? [[String: Any]])?.count == order.orderItems.count)
        #expect(received["marketplaceId"] as? String == order.marketplaceId)
        #expect(try await client.getOrder(orderId: order.orderId, includedData: [.fulfillment]).order.fulfillmentStatus == .shipped)

        let again = await Self.failure { try await client.confirmShipment(orderId: order.orderId, request) }
        guard case .api(400, _)? = again else { Issue.record("a second confirmation should be refused, got \(String(describing: again))"); return }
    }

    /// Two 503s are retried into a success; a malformed body is a decoding error, never a crash; new enum values pass.
    @Test func faultsPerOperation() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client(marketplaceIds: Self.allMarketplaces)
        let query = Orders.SearchOrdersQuery.created(after: Date().addingTimeInterval(-31 * 86400), marketplaceIds: ["ATVPDKIKX0DER"],
                                                     includedData: [.fulfillment], maxResultsPerPage: 3)

        try await sandbox.fault("searchOrders", "status", status: 503, count: 2)
        let page = try await client.searchOrders(query)
        #expect(page.orders.count == 3)
        let searched = try await sandbox.counts("searchOrders")
        #expect(searched.requests == 3 && searched.faulted == 2)

        try await sandbox.fault("searchOrders", "malformed")
        let malformed = await Self.failure { _ = try await client.searchOrders(query) }
        guard case .decoding(let operation, _, _)? = malformed else { Issue.record("expected a decoding error, got \(String(describing: malformed))"); return }
        #expect(operation == "orders_2026-01-01.searchOrders")

        try await sandbox.fault("searchOrders", "unknownEnum")
        let odd = try await client.searchOrders(query)
        #expect(odd.orders.allSatisfy { $0.fulfillmentStatus?.rawValue == "SANDBOX_UNKNOWN_VALUE" })

        let id = try #require(page.orders.first?.orderId)
        try await sandbox.fault("getOrder", "malformed")
        let badOrder = await Self.failure { _ = try await client.getOrder(orderId: id) }
        guard case .decoding? = badOrder else { Issue.record("expected a decoding error, got \(String(describing: badOrder))"); return }
        // A body cut short is retried; cut short on every attempt it ends in a typed transport error.
        try await sandbox.fault("getOrder", "truncate", count: 1)
        #expect(try await client.getOrder(orderId: id).order.orderId == id)
        try await sandbox.fault("getOrder", "truncate", count: 5)
        let truncated = await Self.failure { _ = try await client.getOrder(orderId: id) }
        guard case .transport(_, 5, _)? = truncated else { Issue.record("expected a transport error, got \(String(describing: truncated))"); return }
        #expect(try await client.getOrder(orderId: id).order.orderId == id)
        let counted = try await sandbox.counts("getOrder")
        #expect(counted.faulted == 7)
    }

    /// A 500 on confirmShipment is retried and the shipment still lands once.
    @Test func confirmShipmentRetriedAfterServerError() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client(marketplaceIds: Self.allMarketplaces)
        var query = Orders.SearchOrdersQuery.created(after: Date().addingTimeInterval(-31 * 86400), marketplaceIds: Self.allMarketplaces, maxResultsPerPage: 100)
        query.fulfillmentStatuses = [.unshipped]
        query.fulfilledBy = [.merchant]
        let order = try #require(try await client.searchOrders(query).orders.first)
        try await sandbox.fault("confirmShipment", "status", status: 500, count: 1)
        let request = OrdersV0.ConfirmShipmentRequest(
            packageDetail: .init(packageReferenceId: "7", carrierCode: "Other", carrierName: "Local Courier", trackingNumber: "LC-1",
                                 shipDate: Date().addingTimeInterval(-60), orderItems: [.init(orderItemId: order.orderItems[0].orderItemId, quantity: 1)]),
            marketplaceId: order.marketplaceId ?? "")
        try await client.confirmShipment(orderId: order.orderId, request)
        let counted = try await sandbox.counts("confirmShipment")
        #expect(counted.requests == 2 && counted.faulted == 1)
        let shipments = try await sandbox.admin("GET", "shipments")["shipments"] as? [[String: Any]] ?? []
        #expect(shipments.filter { $0["orderId"] as? String == order.orderId }.count == 1)
    }

    /// The server's own checks surface as Amazon's 400; the client's checks send nothing at all.
    @Test func validationErrors() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client(marketplaceIds: Self.allMarketplaces)
        let hourAgo = Date().addingTimeInterval(-3600)

        // Amazon: lastUpdatedBefore must lie at least two minutes before the request — only the server can judge that.
        let recent = await Self.failure {
            _ = try await client.searchOrders(.updated(after: hourAgo, before: Date().addingTimeInterval(-30), marketplaceIds: ["ATVPDKIKX0DER"]))
        }
        guard case .api(400, let errors)? = recent else { Issue.record("expected a 400, got \(String(describing: recent))"); return }
        #expect(errors.first?.code == "InvalidInput")
        #expect(errors.first?.message.contains("2 minutes") == true)

        let unknownMarketplace = await Self.failure { _ = try await client.searchOrders(.created(after: hourAgo, marketplaceIds: ["NOT-A-MARKETPLACE"])) }
        guard case .api(400, _)? = unknownMarketplace else { Issue.record("expected a 400, got \(String(describing: unknownMarketplace))"); return }
        let served = try await sandbox.counts("searchOrders").requests
        #expect(served == 2)

        // Refused by the client: nothing reaches the server.
        let refused: [Orders.SearchOrdersQuery] = [
            .init(marketplaceIds: ["ATVPDKIKX0DER"]),
            .init(createdAfter: hourAgo, lastUpdatedAfter: hourAgo, marketplaceIds: ["ATVPDKIKX0DER"]),
            .created(after: hourAgo, marketplaceIds: ["ATVPDKIKX0DER"], maxResultsPerPage: 101),
            .created(after: hourAgo, marketplaceIds: (0...50).map { _ in "ATVPDKIKX0DER" }),
        ]
        for query in refused {
            let error = await Self.failure { _ = try await client.searchOrders(query) }
            guard case .invalidRequest? = error else { Issue.record("expected invalidRequest, got \(String(describing: error))"); continue }
            var pages = 0
            do { for try await _ in client.searchOrdersPages(query) { pages += 1 } } catch {}
            #expect(pages == 0)
        }
        let badShipment = OrdersV0.ConfirmShipmentRequest(
            packageDetail: .init(packageReferenceId: "PKG-A", carrierCode: "UPS", trackingNumber: "1Z", shipDate: Date(),
                                 orderItems: [.init(orderItemId: "1", quantity: 1)]), marketplaceId: "ATVPDKIKX0DER")
        let shipError = await Self.failure { try await client.confirmShipment(orderId: "111-2222222-3333333", badShipment) }
        guard case .invalidRequest? = shipError else { Issue.record("expected invalidRequest, got \(String(describing: shipError))"); return }
        let badId = await Self.failure { _ = try await client.getOrder(orderId: "../sellers/v1/marketplaceParticipations") }
        guard case .invalidRequest? = badId else { Issue.record("expected invalidRequest, got \(String(describing: badId))"); return }
        #expect(try await sandbox.counts("searchOrders").requests == served)
        #expect(try await sandbox.counts("confirmShipment").requests == 0)
        #expect(try await sandbox.counts("getOrder").requests == 0)
    }

    /// The error an operation ended in, or nil when it succeeded.
    static func failure(_ body: () async throws -> Void) async -> SellingPartnerError? {
        do {
            try await body()
            return nil
        } catch let error as SellingPartnerError {
            return error
        } catch {
            Issue.record("not a SellingPartnerError: \(error)")
            return nil
        }
    }
}
