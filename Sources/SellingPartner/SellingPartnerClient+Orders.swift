import Foundation

extension SellingPartnerClient {
    // MARK: Orders 2026-01-01

    /// Orders 2026-01-01 searchOrders: one page of orders created or updated in a window.
    public func searchOrders(_ query: Orders.SearchOrdersQuery) async throws -> Orders.SearchOrdersResponse {
        try await send(operation: "orders_2026-01-01.searchOrders", method: "GET", path: "/orders/2026-01-01/orders",
                       query: try query.queryItems(), as: Orders.SearchOrdersResponse.self)
    }

    /// Every page of a search, following `pagination.nextToken` with the other parameters unchanged, as the model requires.
    ///
    /// Pages are fetched one at a time as the consumer asks for them; stopping early sends no further request.
    /// A `paginationToken` already in `query` continues an earlier search from there.
    public func searchOrdersPages(_ query: Orders.SearchOrdersQuery) -> AsyncThrowingStream<Orders.SearchOrdersResponse, any Error> {
        let cursor = OrdersPageCursor(query: query)
        return AsyncThrowingStream { [self] in
            guard let next = await cursor.take() else { return nil }
            let page = try await searchOrders(next)
            let token = page.pagination?.nextToken
            if let token, token == next.paginationToken {
                // A server handing back the token it was given would make us loop forever.
                throw SellingPartnerError.decoding(operation: "orders_2026-01-01.searchOrders", field: "pagination.nextToken",
                                                   reason: "the same token came back; the search cannot advance")
            }
            await cursor.advance(to: token.map { next.nextPage($0) })
            return page
        }
    }

    /// Orders 2026-01-01 getOrder: one order with the datasets asked for.
    public func getOrder(orderId: String, includedData: [Orders.IncludedData] = []) async throws -> Orders.GetOrderResponse {
        try Self.checkPathSegment(orderId, name: "orderId", operation: "getOrder")
        let query = includedData.isEmpty ? [] : [("includedData", includedData.map(\.rawValue).joined(separator: ","))]
        return try await send(operation: "orders_2026-01-01.getOrder", method: "GET", path: "/orders/2026-01-01/orders/\(orderId)",
                              query: query, as: Orders.GetOrderResponse.self)
    }

    // MARK: Orders v0

    /// Orders v0 confirmShipment: tells Amazon a merchant-fulfilled package has shipped; Amazon answers 204 without a body.
    public func confirmShipment(orderId: String, _ request: OrdersV0.ConfirmShipmentRequest) async throws {
        try Self.checkPathSegment(orderId, name: "orderId", operation: "confirmShipment")
        // The v0 model defines order ids in 3-7-7 form.
        let parts = orderId.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.map(\.count) == [3, 7, 7], parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            throw SellingPartnerError.invalidRequest("confirmShipment orderId \"\(orderId.prefix(40))\" is not an Amazon order id (3-7-7 digits)")
        }
        try request.validate()
        _ = try await sendRaw(operation: "ordersV0.confirmShipment", method: "POST", path: "/orders/v0/orders/\(orderId)/shipmentConfirmation",
                              body: try RequestEncoder.encode(request))
    }

    /// Rejects ids that would change the request path instead of naming a resource.
    static func checkPathSegment(_ value: String, name: String, operation: String) throws {
        if value.isEmpty || value.contains(where: { "/?#%".contains($0) || $0.isWhitespace }) {
            throw SellingPartnerError.invalidRequest("\(operation) \(name) \"\(value.prefix(40))\" is empty or contains /, ?, #, % or spaces")
        }
    }
}

/// The next query of a paged search, shared between the calls of one stream.
private actor OrdersPageCursor {
    private var next: Orders.SearchOrdersQuery?

    init(query: Orders.SearchOrdersQuery) { next = query }

    func take() -> Orders.SearchOrdersQuery? {
        defer { next = nil }
        return next
    }

    func advance(to query: Orders.SearchOrdersQuery?) { next = query }
}
