import Foundation

/// Fulfillment Inbound API v2024-03-20: reading inbound plans, shipments and shipment items.
extension SellingPartnerClient {
    static let inboundBase = "/inbound/fba/2024-03-20/inboundPlans"

    /// listInboundPlans: one page of plans, most recently updated first.
    public func listInboundPlans(status: FulfillmentInbound.PlanStatus? = nil, pageSize: Int = FulfillmentInbound.maxPlansPageSize,
                                 paginationToken: String? = nil) async throws -> FulfillmentInbound.ListInboundPlansResponse {
        guard (1...FulfillmentInbound.maxPlansPageSize).contains(pageSize) else {
            throw SellingPartnerError.invalidRequest("listInboundPlans pageSize must be 1 to \(FulfillmentInbound.maxPlansPageSize), got \(pageSize)")
        }
        var query: [(String, String)] = [("pageSize", "\(pageSize)"), ("sortBy", "LAST_UPDATED_TIME"), ("sortOrder", "DESC")]
        if let status { query.append(("status", status.rawValue)) }
        if let paginationToken { query.append(("paginationToken", paginationToken)) }
        return try await send(operation: "fulfillmentInbound_2024-03-20.listInboundPlans", method: "GET", path: Self.inboundBase,
                              query: query, as: FulfillmentInbound.ListInboundPlansResponse.self)
    }

    /// Every page of listInboundPlans, following `pagination.nextToken`.
    public func inboundPlanPages(status: FulfillmentInbound.PlanStatus? = nil)
        -> AsyncThrowingStream<FulfillmentInbound.ListInboundPlansResponse, any Error>
    {
        ListingsPageStream.pages(first: nil, fetch: { token in
            try await self.listInboundPlans(status: status, paginationToken: token)
        }, next: { $0.pagination?.nextToken })
    }

    /// getInboundPlan: the plan and its shipments' ids.
    public func getInboundPlan(_ inboundPlanId: String) async throws -> FulfillmentInbound.InboundPlan {
        try await send(operation: "fulfillmentInbound_2024-03-20.getInboundPlan", method: "GET",
                       path: "\(Self.inboundBase)/\(try Self.pathSegment(inboundPlanId))", query: [],
                       as: FulfillmentInbound.InboundPlan.self)
    }

    /// getShipment: a shipment's details, among them its status.
    public func getShipment(inboundPlanId: String, shipmentId: String) async throws -> FulfillmentInbound.Shipment {
        try await send(operation: "fulfillmentInbound_2024-03-20.getShipment", method: "GET",
                       path: "\(Self.inboundBase)/\(try Self.pathSegment(inboundPlanId))/shipments/\(try Self.pathSegment(shipmentId))",
                       query: [], as: FulfillmentInbound.Shipment.self)
    }

    /// listShipmentItems: one page of a shipment's items.
    public func listShipmentItems(inboundPlanId: String, shipmentId: String, pageSize: Int = FulfillmentInbound.maxItemsPageSize,
                                  paginationToken: String? = nil) async throws -> FulfillmentInbound.ListShipmentItemsResponse {
        guard (1...FulfillmentInbound.maxItemsPageSize).contains(pageSize) else {
            throw SellingPartnerError.invalidRequest("listShipmentItems pageSize must be 1 to \(FulfillmentInbound.maxItemsPageSize), got \(pageSize)")
        }
        var query: [(String, String)] = [("pageSize", "\(pageSize)")]
        if let paginationToken { query.append(("paginationToken", paginationToken)) }
        return try await send(operation: "fulfillmentInbound_2024-03-20.listShipmentItems", method: "GET",
                              path: "\(Self.inboundBase)/\(try Self.pathSegment(inboundPlanId))/shipments/\(try Self.pathSegment(shipmentId))/items",
                              query: query, as: FulfillmentInbound.ListShipmentItemsResponse.self)
    }

    /// All items of a shipment, every page.
    public func shipmentItems(inboundPlanId: String, shipmentId: String) async throws -> [FulfillmentInbound.Item] {
        var items: [FulfillmentInbound.Item] = []
        var token: String?
        repeat {
            let page = try await listShipmentItems(inboundPlanId: inboundPlanId, shipmentId: shipmentId, paginationToken: token)
            items += page.items
            token = page.pagination?.nextToken
        } while token != nil
        return items
    }

    /// Ids are Amazon's (`wf…`, `sh…`): refuse anything that would change the path rather than escape it.
    static func pathSegment(_ id: String) throws -> String {
        guard !id.isEmpty, id.count <= 64, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw SellingPartnerError.invalidRequest("'\(id)' is not an inbound plan or shipment id")
        }
        return id
    }
}
