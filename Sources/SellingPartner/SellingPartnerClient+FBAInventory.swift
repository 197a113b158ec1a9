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
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    var next = query
                    while true {
                        try Task.checkCancellation()
                        let page = try await self.getInventorySummaries(next)
                        continuation.yield(page)
                        guard let token = page.pagination?.nextToken, !token.isEmpty else { break }
                        next.nextToken = token
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
