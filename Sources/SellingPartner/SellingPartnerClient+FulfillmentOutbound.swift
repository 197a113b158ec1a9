import Foundation

/// Fulfillment Outbound API 2020-07-01: Multi-Channel Fulfillment orders shipped from FBA stock.
extension SellingPartnerClient {
    /// createFulfillmentOrder: asks Amazon to ship FBA stock to an address; an empty success body means accepted.
    @discardableResult
    public func createFulfillmentOrder(_ request: FulfillmentOutbound.CreateFulfillmentOrderRequest) async throws -> FulfillmentOutbound.CreateFulfillmentOrderResponse {
        try request.validate()
        return try await send(operation: "fulfillmentOutbound_2020-07-01.createFulfillmentOrder", method: "POST",
                              path: "/fba/outbound/2020-07-01/fulfillmentOrders", body: try RequestEncoder.encode(request),
                              as: FulfillmentOutbound.CreateFulfillmentOrderResponse.self)
    }

    /// getFulfillmentOrder: one MCF order with its items, shipments, packages and tracking numbers.
    public func getFulfillmentOrder(_ sellerFulfillmentOrderId: String) async throws -> FulfillmentOutbound.GetFulfillmentOrderResponse {
        let segment = try Self.listingsPathSegment(sellerFulfillmentOrderId, name: "sellerFulfillmentOrderId")
        return try await send(operation: "fulfillmentOutbound_2020-07-01.getFulfillmentOrder", method: "GET",
                              path: "/fba/outbound/2020-07-01/fulfillmentOrders/\(segment)",
                              as: FulfillmentOutbound.GetFulfillmentOrderResponse.self)
    }

    /// listAllFulfillmentOrders: one page of MCF orders updated at or after `queryStartDate`.
    public func listAllFulfillmentOrders(queryStartDate: Date? = nil, nextToken: String? = nil) async throws -> FulfillmentOutbound.ListAllFulfillmentOrdersResponse {
        var query: [(String, String)] = []
        if let queryStartDate { query.append(("queryStartDate", AmazonTime.string(queryStartDate))) }
        if let nextToken { query.append(("nextToken", nextToken)) }
        return try await send(operation: "fulfillmentOutbound_2020-07-01.listAllFulfillmentOrders", method: "GET",
                              path: "/fba/outbound/2020-07-01/fulfillmentOrders", query: query,
                              as: FulfillmentOutbound.ListAllFulfillmentOrdersResponse.self)
    }

    /// Every page of MCF orders, following `payload.nextToken` until the last page.
    public func listAllFulfillmentOrdersPages(queryStartDate: Date? = nil) -> AsyncThrowingStream<FulfillmentOutbound.ListAllFulfillmentOrdersResponse, any Error> {
        ListingsPageStream.pages(fetch: { token in
            try await self.listAllFulfillmentOrders(queryStartDate: queryStartDate, nextToken: token)
        }, next: { $0.payload?.nextToken })
    }
}
