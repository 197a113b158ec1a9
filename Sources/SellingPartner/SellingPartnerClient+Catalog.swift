import Foundation

/// Catalog Items API 2022-04-01: the catalog's view of an ASIN, chiefly its variation family.
extension SellingPartnerClient {
    /// getCatalogItem: one ASIN; ask for `.relationships` to learn its variation theme and family.
    public func getCatalogItem(asin: String, marketplaceIds: [String]? = nil,
                               includedData: [CatalogItems.IncludedData] = [.summaries, .relationships],
                               locale: String? = nil) async throws -> CatalogItems.Item {
        let marketplaces = marketplaceIds ?? configuration.marketplaceIds
        guard !marketplaces.isEmpty else {
            throw SellingPartnerError.invalidRequest("getCatalogItem needs at least one marketplaceId; set marketplace_ids in the channel")
        }
        let segment = try Self.listingsPathSegment(asin, name: "asin")
        var query: [(String, String)] = [("marketplaceIds", marketplaces.joined(separator: ","))]
        if !includedData.isEmpty { query.append(("includedData", includedData.map(\.rawValue).joined(separator: ","))) }
        if let locale { query.append(("locale", locale)) }
        return try await send(operation: "catalogItems_2022-04-01.getCatalogItem", method: "GET",
                              path: "/catalog/2022-04-01/items/\(segment)", query: query, as: CatalogItems.Item.self)
    }
}
