import Foundation
import Testing
@testable import SellingPartner

/// The Orders types against Amazon's own examples in the models, and the request checks made before sending.
@Suite struct OrdersContractTests {
    static let search = "orders_2026-01-01.searchOrders"

    /// Every official static searchOrders response decodes, with the fields the sync engine reads in place.
    @Test func searchOrdersStaticResponses() throws {
        let bodies = try ModelFixtures.staticSuccessBodies("orders_2026-01-01", operation: "searchOrders")
        #expect(bodies.count == 3)
        let pages = try bodies.map { try ResponseDecoder.decode(Orders.SearchOrdersResponse.self, from: $0, operation: Self.search) }
        #expect(pages.allSatisfy { !$0.orders.isEmpty && $0.createdBefore != nil })
        let orders = Dictionary(uniqueKeysWithValues: pages.flatMap(\.orders).map { ($0.orderId, $0) })

        let jp = try #require(orders["250-1234567-8901234"])
        #expect(pages[0].pagination?.nextToken == "2YgYW55IGNhcm5hbCBwbGVhc3VyZS4")
        #expect(jp.marketplaceId == "A1VC38T7YXB528")
        #expect(jp.createdTime == AmazonTime.date("2024-12-25T02:30:00Z"))
        #expect(jp.lastUpdatedTime == AmazonTime.date("2024-12-25T06:45:00Z"))
        #expect(jp.fulfillmentStatus == .shipped)
        #expect(jp.fulfilledBy == .amazon)
        #expect(jp.sellerOrderId == "JP-ORDER-2024-001")
        #expect(jp.buyerName == "John Smith")
        #expect(jp.grandTotal == Orders.Money(amount: 19940, currencyCode: "JPY"))
        #expect(jp.latestShipDate == AmazonTime.date("2024-12-25T23:59:59Z"))
        let item = try #require(jp.orderItems.first)
        #expect(item.orderItemId == "25012345678901")
        #expect(item.sellerSku == "ECHO-DOT-4-JP-CHARCOAL")
        #expect(item.asin == "B08C1W5N87")
        #expect(item.quantityOrdered == 1)
        #expect(item.quantityShipped == 1)
        #expect(item.quantityUnshipped == 0)
        #expect(item.unitPrice?.amount == 5980)
        #expect(item.expense?.pointsCost?.pointsGranted?.pointsNumber == 60)
        #expect(jp.orderItems[1].product.serialNumbers?.count == 2)

        let uk = try #require(orders["202-7654321-1098765"])
        #expect(uk.fulfilledBy == .merchant)
        #expect(uk.deliveryAddress?.phone == "+44 20 7946 0958")
        #expect(uk.deliveryAddress?.postalCode == "SW1A 1AA")
        #expect(uk.grandTotal?.amount == Decimal(string: "34.99"))
        let package = try #require(uk.packages?.first)
        #expect(package.packageStatus?.status == "IN_TRANSIT")
        #expect(package.trackingNumber == "15501234567890123456")
        #expect(uk.orderItems[0].fulfillment?.picking?.substitutionPreference?.substitutionOptions?.count == 2)

        let br = try #require(orders["171-2345678-9012345"])
        #expect(br.fulfillmentStatus == .unshipped)
        #expect(br.buyer?.buyerCompanyName == "Oliveira Tecnologia Ltda")
        #expect(br.deliveryAddress?.extendedFields?.neighborhood == "Bela Vista")
        #expect(br.payment?.paymentExecutions?.first?.paymentAmount?.amount == Decimal(string: "1599.90"))
        #expect(br.tax?.taxRegistrations?.count == 3)
        #expect(br.orderItems[0].product.price?.priceDesignation == "BUSINESS_PRICE")
    }

    /// Every official static getOrder response decodes.
    @Test func getOrderStaticResponses() throws {
        let bodies = try ModelFixtures.staticSuccessBodies("orders_2026-01-01", operation: "getOrder")
        #expect(bodies.count == 3)
        let orders = try bodies.map { try ResponseDecoder.decode(Orders.GetOrderResponse.self, from: $0, operation: "getOrder").order }
        let byId = Dictionary(uniqueKeysWithValues: orders.map { ($0.orderId, $0) })
        let br = try #require(byId["171-9876543-2109876"])
        #expect(br.fulfillment?.labelPrintingWindow?.earliestDateTime == AmazonTime.date("2024-12-26T17:00:00Z"))
        #expect(br.fulfillment?.labelPrintingWindow?.latestDateTime == nil)
        #expect(br.orderItems[0].fulfillment?.packing?.giftOption?.giftWrapLevel == "STANDARD")
        let tr = try #require(byId["028-1234567-8901234"])
        #expect(tr.tax?.taxRegistrations?.first?.taxRegistrationAttributes?.first?.key == "TAX_OFFICE")
        #expect(tr.orderItems[0].tax?.taxCollections?.first?.model == "MARKETPLACE_FACILITATOR")
        let us = try #require(byId["114-9876543-1234567"])
        #expect(us.buyer == nil)
        #expect(us.orderItems[0].associatedOrderItems?.first?.associationType == "VALUE_ADD_SERVICE")
        #expect(us.orderItems[0].proceeds?.breakdowns?.map(\.subtotal.amount) == [Decimal(string: "39.99")!, 10])
    }

    /// The 200 `examples` next to the sandbox cases decode as well.
    @Test func documentedExamplesDecode() throws {
        let searchExample = try Self.example(operation: "searchOrders")
        let page = try ResponseDecoder.decode(Orders.SearchOrdersResponse.self, from: searchExample, operation: Self.search)
        #expect(page.orders.first?.orderId == "123-4567890-1234567")
        #expect(page.orders.first?.programs == ["PRIME", "AMAZON_BUSINESS"])
        let orderExample = try Self.example(operation: "getOrder")
        #expect(try !ResponseDecoder.decode(Orders.GetOrderResponse.self, from: orderExample, operation: "getOrder").order.orderId.isEmpty)
    }

    /// confirmShipment answers 204 without a body; the model's static success case is the empty object and its request
    /// body round-trips through the client's request type.
    @Test func confirmShipmentStaticCase() throws {
        let bodies = try ModelFixtures.staticSuccessBodies("ordersV0", operation: "confirmShipment")
        #expect(bodies.count == 1)
        #expect(try bodies.allSatisfy { (try JSONSerialization.jsonObject(with: $0) as? [String: Any])?.isEmpty == true })

        let requests = try Self.staticRequestBodies("ordersV0", operation: "confirmShipment", status: "204")
        #expect(requests.count == 1)
        for body in requests {
            let request = try ResponseDecoder.decode(OrdersV0.ConfirmShipmentRequest.self, from: body, operation: "confirmShipment")
            #expect(request.marketplaceId == "ATVPDKIKX0DER")
            #expect(request.packageDetail.orderItems == [.init(orderItemId: "79039765272157", quantity: 1, transparencyCodes: ["09876543211234567890"])])
            #expect(request.packageDetail.shipDate == AmazonTime.date("2022-02-11T01:00:00.000Z"))
            try request.validate()
            let again = try ResponseDecoder.decode(OrdersV0.ConfirmShipmentRequest.self, from: try RequestEncoder.encode(request), operation: "confirmShipment")
            #expect(again == request)
            let wire = try #require(try JSONSerialization.jsonObject(with: RequestEncoder.encode(request)) as? [String: Any])
            #expect((wire["packageDetail"] as? [String: Any])?["shipDate"] as? String == "2022-02-11T01:00:00Z")
        }
        // The model's 400 case sends `shipDate` as "02/21/2022": the client's Date cannot even express that.
        let refused = try Self.staticRequestBodies("ordersV0", operation: "confirmShipment", status: "400")
        #expect(refused.count == 1)
        #expect(throws: SellingPartnerError.self) {
            try ResponseDecoder.decode(OrdersV0.ConfirmShipmentRequest.self, from: refused[0], operation: "confirmShipment")
        }
    }

    /// A missing required field names its path; so does a money amount that is not a decimal string.
    @Test func missingRequiredFieldIsNamed() throws {
        let noItems = Data(#"{"orders":[{"orderId":"1","createdTime":"2026-01-01T00:00:00Z","lastUpdatedTime":"2026-01-01T00:00:00Z","salesChannel":{"channelName":"AMAZON"}}]}"#.utf8)
        #expect(Self.decodingField(noItems) == "orders.[0].orderItems")
        let noCurrency = Data(#"{"orders":[{"orderId":"1","createdTime":"2026-01-01T00:00:00Z","lastUpdatedTime":"2026-01-01T00:00:00Z","salesChannel":{"channelName":"AMAZON"},"orderItems":[{"orderItemId":"9","quantityOrdered":1,"product":{"price":{"unitPrice":{"amount":"1.00"}}}}]}]}"#.utf8)
        #expect(Self.decodingField(noCurrency) == "orders.[0].orderItems.[0].product.price.unitPrice.currencyCode")
        let badAmount = Data(#"{"orders":[{"orderId":"1","createdTime":"2026-01-01T00:00:00Z","lastUpdatedTime":"2026-01-01T00:00:00Z","salesChannel":{"channelName":"AMAZON"},"orderItems":[],"proceeds":{"grandTotal":{"amount":"12,50","currencyCode":"EUR"}}}]}"#.utf8)
        #expect(Self.decodingField(badAmount) == "orders.[0].proceeds.grandTotal.amount")
        let noStatus = Data(#"{"orders":[{"orderId":"1","createdTime":"2026-01-01T00:00:00Z","lastUpdatedTime":"2026-01-01T00:00:00Z","salesChannel":{"channelName":"AMAZON"},"orderItems":[],"fulfillment":{"fulfilledBy":"AMAZON"}}]}"#.utf8)
        #expect(Self.decodingField(noStatus) == "orders.[0].fulfillment.fulfillmentStatus")
    }

    /// Values Amazon adds later decode and keep their raw text instead of failing the whole page.
    @Test func unknownEnumValuesDecode() throws {
        let body = Data(#"{"orders":[{"orderId":"1","createdTime":"2026-01-01T00:00:00Z","lastUpdatedTime":"2026-01-01T00:00:00.123Z","salesChannel":{"channelName":"NEW_CHANNEL"},"orderItems":[],"fulfillment":{"fulfillmentStatus":"AWAITING_PICKUP","fulfilledBy":"PARTNER"},"extraField":{"x":1}}]}"#.utf8)
        let order = try #require(try ResponseDecoder.decode(Orders.SearchOrdersResponse.self, from: body, operation: Self.search).orders.first)
        #expect(order.fulfillmentStatus == Orders.FulfillmentStatus(rawValue: "AWAITING_PICKUP"))
        #expect(!Orders.FulfillmentStatus.allKnown.contains(order.fulfillmentStatus!))
        #expect(order.fulfilledBy?.rawValue == "PARTNER")
        #expect(order.salesChannel.channelName == "NEW_CHANNEL")
    }

    /// The query follows the model's parameter names, csv lists and timestamp form.
    @Test func searchQueryParameters() throws {
        let after = try #require(AmazonTime.date("2026-11-01T00:00:00Z"))
        let before = try #require(AmazonTime.date("2026-11-02T12:30:00.250Z"))
        var query = Orders.SearchOrdersQuery(lastUpdatedAfter: after, lastUpdatedBefore: before, fulfillmentStatuses: [.unshipped, .partiallyShipped],
                                             marketplaceIds: ["ATVPDKIKX0DER", "A1F83G8C2ARO7P"], fulfilledBy: [.merchant], maxResultsPerPage: 50,
                                             includedData: [.buyer, .recipient])
        let items = try query.queryItems()
        #expect(items.map(\.0) == ["lastUpdatedAfter", "lastUpdatedBefore", "fulfillmentStatuses", "marketplaceIds", "fulfilledBy", "maxResultsPerPage", "includedData"])
        #expect(items.map(\.1) == ["2026-11-01T00:00:00Z", "2026-11-02T12:30:00Z", "UNSHIPPED,PARTIALLY_SHIPPED", "ATVPDKIKX0DER,A1F83G8C2ARO7P", "MERCHANT", "50", "BUYER,RECIPIENT"])
        // The model: with paginationToken every other parameter stays as it was.
        let next = query.nextPage("abc")
        #expect(try next.queryItems().map(\.0) == items.map(\.0).dropLast() + ["paginationToken", "includedData"])
        #expect(try next.queryItems().filter { $0.0 != "paginationToken" }.map(\.1) == items.map(\.1))
        query = .created(after: after, marketplaceIds: ["ATVPDKIKX0DER"])
        #expect(try query.queryItems().map(\.0) == ["createdAfter", "marketplaceIds"])
    }

    /// What Amazon refuses with a 400 is refused before sending, with the fix in the message.
    @Test func searchQueryValidation() throws {
        let t = Date(timeIntervalSince1970: 1_790_000_000)
        let refused: [Orders.SearchOrdersQuery] = [
            .init(marketplaceIds: ["ATVPDKIKX0DER"]),  // neither createdAfter nor lastUpdatedAfter
            .init(createdAfter: t, lastUpdatedAfter: t),
            .init(createdAfter: t, lastUpdatedBefore: t),
            .init(createdBefore: t, lastUpdatedAfter: t),
            .init(createdAfter: t, createdBefore: t.addingTimeInterval(-1)),
            .init(lastUpdatedAfter: t, lastUpdatedBefore: t.addingTimeInterval(-1)),
            .created(after: t, marketplaceIds: (0...50).map { "M\($0)" }),
            .created(after: t, marketplaceIds: ["ATVPDKIKX0DER,A1F83G8C2ARO7P"]),
            .created(after: t, marketplaceIds: [""]),
            .created(after: t, marketplaceIds: ["ATVPDKIKX0DER"], maxResultsPerPage: 0),
            .created(after: t, marketplaceIds: ["ATVPDKIKX0DER"], maxResultsPerPage: 101),
            .created(after: t, marketplaceIds: ["ATVPDKIKX0DER"]).nextPage(""),
        ]
        for query in refused {
            #expect(throws: SellingPartnerError.self) { try query.queryItems() }
        }
        let accepted: [Orders.SearchOrdersQuery] = [
            .created(after: t, marketplaceIds: (0..<50).map { "M\($0)" }, maxResultsPerPage: 1),
            .updated(after: t, before: t, marketplaceIds: [], maxResultsPerPage: 100),
            .init(createdAfter: t, createdBefore: t),
        ]
        for query in accepted { _ = try query.queryItems() }
    }

    /// confirmShipment requests Amazon would refuse are refused before sending.
    @Test func confirmShipmentValidation() throws {
        func request(reference: String = "1", carrier: String = "UPS", carrierName: String? = nil, tracking: String = "1Z999",
                     items: [OrdersV0.ConfirmShipmentOrderItem] = [.init(orderItemId: "1", quantity: 1)], marketplace: String = "ATVPDKIKX0DER") -> OrdersV0.ConfirmShipmentRequest {
            .init(packageDetail: .init(packageReferenceId: reference, carrierCode: carrier, carrierName: carrierName, trackingNumber: tracking,
                                       shipDate: Date(), orderItems: items), marketplaceId: marketplace)
        }
        try request().validate()
        try request(carrier: "Other", carrierName: "Local Courier").validate()
        for bad in [request(reference: "PKG-1"), request(reference: "0"), request(carrier: ""), request(carrier: "Other"), request(tracking: ""),
                    request(items: []), request(items: [.init(orderItemId: "1", quantity: 0)]), request(marketplace: "")] {
            #expect(throws: SellingPartnerError.self) { try bad.validate() }
        }
    }

    // MARK: helpers

    static func decodingField(_ body: Data) -> String? {
        do {
            _ = try ResponseDecoder.decode(Orders.SearchOrdersResponse.self, from: body, operation: search)
            return nil
        } catch let SellingPartnerError.decoding(operation, field, _) {
            return operation == search ? field : nil
        } catch {
            return nil
        }
    }

    static func example(operation: String) throws -> Data {
        let op = try #require(try ModelFixtures.operations("orders_2026-01-01")[operation])
        let ok = try #require((op["responses"] as? [String: Any])?["200"] as? [String: Any])
        let body = try #require((ok["examples"] as? [String: Any])?["application/json"])
        return try JSONSerialization.data(withJSONObject: body)
    }

    /// The request bodies of an operation's `x-amzn-api-sandbox` static cases for one status.
    static func staticRequestBodies(_ model: String, operation: String, status: String) throws -> [Data] {
        let op = try #require(try ModelFixtures.operations(model)[operation])
        let response = try #require((op["responses"] as? [String: Any])?[status] as? [String: Any])
        let cases = (response["x-amzn-api-sandbox"] as? [String: Any])?["static"] as? [[String: Any]] ?? []
        return try cases.compactMap { entry in
            let parameters = (entry["request"] as? [String: Any])?["parameters"] as? [String: Any]
            guard let body = (parameters?["body"] as? [String: Any])?["value"] else { return nil }
            return try JSONSerialization.data(withJSONObject: body)
        }
    }
}
