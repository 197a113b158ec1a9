import Foundation

/// Listings Items API 2021-08-01: read, patch and search the seller's listings.
extension SellingPartnerClient {
    /// getListingsItem: one listing by SKU. `sellerId` and `marketplaceIds` default to the configuration's.
    public func getListingsItem(sku: String, sellerId: String? = nil, marketplaceIds: [String]? = nil,
                                issueLocale: String? = nil,
                                includedData: [ListingsItems.IncludedData] = [.summaries]) async throws -> ListingsItems.Item {
        let marketplaces = marketplaceIds ?? configuration.marketplaceIds
        let path = try listingsItemPath(sellerId: sellerId, sku: sku, operation: "getListingsItem", marketplaces: marketplaces)
        var query: [(String, String)] = [("marketplaceIds", marketplaces.joined(separator: ","))]
        if let issueLocale { query.append(("issueLocale", issueLocale)) }
        if !includedData.isEmpty { query.append(("includedData", includedData.map(\.rawValue).joined(separator: ","))) }
        return try await send(operation: "listingsItems_2021-08-01.getListingsItem", method: "GET", path: path, query: query,
                              as: ListingsItems.Item.self)
    }

    /// patchListingsItem: applies JSON patches to one listing (e.g. `.merchantQuantity(productType:quantity:)`).
    public func patchListingsItem(sku: String, _ request: ListingsItems.ListingsItemPatchRequest, sellerId: String? = nil,
                                  marketplaceIds: [String]? = nil, includedData: [ListingsItems.IncludedData] = [],
                                  mode: ListingsItems.SubmissionMode? = nil,
                                  issueLocale: String? = nil) async throws -> ListingsItems.ListingsItemSubmissionResponse {
        let marketplaces = marketplaceIds ?? configuration.marketplaceIds
        let path = try listingsItemPath(sellerId: sellerId, sku: sku, operation: "patchListingsItem", marketplaces: marketplaces)
        guard !request.productType.isEmpty, !request.patches.isEmpty else {
            throw SellingPartnerError.invalidRequest("patchListingsItem needs a productType and at least one patch")
        }
        if let bad = request.patches.first(where: { !$0.path.hasPrefix("/") }) {
            throw SellingPartnerError.invalidRequest("patch path \(bad.path) is not a JSON pointer; start it with /attributes/")
        }
        var query: [(String, String)] = [("marketplaceIds", marketplaces.joined(separator: ","))]
        if !includedData.isEmpty { query.append(("includedData", includedData.map(\.rawValue).joined(separator: ","))) }
        if let mode { query.append(("mode", mode.rawValue)) }
        if let issueLocale { query.append(("issueLocale", issueLocale)) }
        return try await send(operation: "listingsItems_2021-08-01.patchListingsItem", method: "PATCH", path: path, query: query,
                              body: try RequestEncoder.encode(request), as: ListingsItems.ListingsItemSubmissionResponse.self)
    }

    /// searchListingsItems: one page of the seller's listings matching the query.
    public func searchListingsItems(_ query: SearchListingsItemsQuery) async throws -> ListingsItems.ItemSearchResults {
        try query.validate()
        let seller = try Self.listingsPathSegment(query.sellerId ?? configuration.sellerId, name: "sellerId")
        return try await send(operation: "listingsItems_2021-08-01.searchListingsItems", method: "GET",
                              path: "/listings/2021-08-01/items/\(seller)", query: query.queryItems,
                              as: ListingsItems.ItemSearchResults.self)
    }

    /// Every page of a listings search, following `pagination.nextToken` until the last page.
    public func searchListingsItemsPages(_ query: SearchListingsItemsQuery) -> AsyncThrowingStream<ListingsItems.ItemSearchResults, any Error> {
        ListingsPageStream.pages(first: query.pageToken, fetch: { token in
            var page = query
            page.pageToken = token
            return try await self.searchListingsItems(page)
        }, next: { $0.pagination?.nextToken })
    }

    private func listingsItemPath(sellerId: String?, sku: String, operation: String, marketplaces: [String]) throws -> String {
        guard !marketplaces.isEmpty else {
            throw SellingPartnerError.invalidRequest("\(operation) needs at least one marketplaceId; set marketplace_ids in the channel")
        }
        let seller = try Self.listingsPathSegment(sellerId ?? configuration.sellerId, name: "sellerId")
        let encodedSku = try Self.listingsPathSegment(sku, name: "sku")
        return "/listings/2021-08-01/items/\(seller)/\(encodedSku)"
    }

    /// Checks one path segment; `send` percent-encodes the path itself, so the value goes in raw.
    ///
    /// A `/` cannot be expressed: `send` builds the URL with `appendingPathComponent`, which would turn it into a
    /// segment boundary (and would encode a pre-encoded `%2F` a second time).
    static func listingsPathSegment(_ value: String, name: String) throws -> String {
        guard !value.isEmpty else { throw SellingPartnerError.invalidRequest("\(name) is empty; give the seller's \(name)") }
        guard !value.contains("/") else {
            throw SellingPartnerError.invalidRequest("\(name) \(value) contains '/', which this client cannot put in a URL path; use the listings feed for this SKU")
        }
        return value
    }
}
