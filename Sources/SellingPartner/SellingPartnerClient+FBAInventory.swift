import Foundation

/// FBA Inventory API v1: what Amazon's fulfillment centres hold for the seller.
extension SellingPartnerClient {
    /// getInventorySummaries: one page of FBA stock summaries in one marketplace.
    public func getInventorySummaries(_ query: GetInventorySummariesQuery) async throws -> FBAInventory.GetInventorySummariesResponse {
        try query.validate()
        return try await send(operation: "fbaInventory.getInventorySummaries", method: "GET", path: "/fba/inventory/v1/summaries",
                              query: query.queryItems, as: FBAInventory.GetInventorySummariesResponse.self)
    }

    /// Every page of FBA stock summaries, following `pagination.nextToken` until the last page.
    public func inventorySummariesPages(_ query: GetInventorySummariesQuery) -> AsyncThrowingStream<FBAInventory.GetInventorySummariesResponse, any Error> {
        ListingsPageStream.pages(first: query.nextToken, fetch: { token in
            var page = query
            page.nextToken = token
            return try await self.getInventorySummaries(page)
        }, next: { $0.pagination?.nextToken })
    }
}
