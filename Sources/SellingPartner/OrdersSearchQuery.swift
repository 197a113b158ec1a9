import Foundation

extension Orders {
    /// The query of one searchOrders call, with every parameter of the model and the checks Amazon documents.
    ///
    /// Exactly one of `createdAfter` and `lastUpdatedAfter` is required; the created pair and the lastUpdated pair
    /// exclude each other. That the `…Before` times lie at least two minutes before the request is left to the
    /// server: only it knows its own clock.
    public struct SearchOrdersQuery: Sendable, Equatable {
        /// Amazon's `maxItems` for `marketplaceIds`.
        public static let maxMarketplaceIds = 50
        /// Amazon's range for `maxResultsPerPage` (the default is 100).
        public static let resultsPerPageRange = 1...100

        public var createdAfter: Date?
        public var createdBefore: Date?
        public var lastUpdatedAfter: Date?
        public var lastUpdatedBefore: Date?
        /// Empty means every status.
        public var fulfillmentStatuses: [FulfillmentStatus]
        /// Empty means every marketplace of the seller (Amazon's default when the parameter is absent).
        public var marketplaceIds: [String]
        /// Empty means both Amazon- and merchant-fulfilled orders.
        public var fulfilledBy: [FulfilledBy]
        /// 1 to 100; nil leaves Amazon's default of 100.
        public var maxResultsPerPage: Int?
        /// The `nextToken` of the previous page; every other parameter must then be the same as on the first page
        /// (only `maxResultsPerPage` and `includedData` may change), so use `nextPage(_:)` to build it.
        public var paginationToken: String?
        /// Datasets to add to each order (buyer, recipient, proceeds, …).
        public var includedData: [IncludedData]

        public init(createdAfter: Date? = nil, createdBefore: Date? = nil, lastUpdatedAfter: Date? = nil, lastUpdatedBefore: Date? = nil,
                    fulfillmentStatuses: [FulfillmentStatus] = [], marketplaceIds: [String] = [], fulfilledBy: [FulfilledBy] = [],
                    maxResultsPerPage: Int? = nil, paginationToken: String? = nil, includedData: [IncludedData] = []) {
            self.createdAfter = createdAfter
            self.createdBefore = createdBefore
            self.lastUpdatedAfter = lastUpdatedAfter
            self.lastUpdatedBefore = lastUpdatedBefore
            self.fulfillmentStatuses = fulfillmentStatuses
            self.marketplaceIds = marketplaceIds
            self.fulfilledBy = fulfilledBy
            self.maxResultsPerPage = maxResultsPerPage
            self.paginationToken = paginationToken
            self.includedData = includedData
        }

        /// Orders created in a window (`before` nil = up to Amazon's latest, two minutes ago).
        public static func created(after: Date, before: Date? = nil, marketplaceIds: [String], includedData: [IncludedData] = [],
                                   maxResultsPerPage: Int? = nil) -> Self {
            Self(createdAfter: after, createdBefore: before, marketplaceIds: marketplaceIds, maxResultsPerPage: maxResultsPerPage,
                 includedData: includedData)
        }

        /// Orders changed in a window: the incremental-sync form (`before` nil = up to Amazon's latest, two minutes ago).
        public static func updated(after: Date, before: Date? = nil, marketplaceIds: [String], includedData: [IncludedData] = [],
                                   maxResultsPerPage: Int? = nil) -> Self {
            Self(lastUpdatedAfter: after, lastUpdatedBefore: before, marketplaceIds: marketplaceIds, maxResultsPerPage: maxResultsPerPage,
                 includedData: includedData)
        }

        /// The same search continued at `token`, as the model requires every other parameter to stay identical.
        public func nextPage(_ token: String) -> Self {
            var next = self
            next.paginationToken = token
            return next
        }

        /// Throws `SellingPartnerError.invalidRequest` for what Amazon would refuse with a 400.
        public func validate() throws {
            switch (createdAfter, lastUpdatedAfter) {
            case (nil, nil):
                throw SellingPartnerError.invalidRequest("searchOrders needs createdAfter or lastUpdatedAfter; set exactly one of them")
            case (.some, .some):
                throw SellingPartnerError.invalidRequest("searchOrders takes only one of createdAfter and lastUpdatedAfter; drop one of them")
            case (.some(let after), nil):
                if lastUpdatedBefore != nil {
                    throw SellingPartnerError.invalidRequest("searchOrders cannot combine createdAfter with lastUpdatedBefore; use createdBefore")
                }
                if let before = createdBefore, before < after {
                    throw SellingPartnerError.invalidRequest("searchOrders createdBefore lies before createdAfter; swap or widen the window")
                }
            case (nil, .some(let after)):
                if createdBefore != nil {
                    throw SellingPartnerError.invalidRequest("searchOrders cannot combine lastUpdatedAfter with createdBefore; use lastUpdatedBefore")
                }
                if let before = lastUpdatedBefore, before < after {
                    throw SellingPartnerError.invalidRequest("searchOrders lastUpdatedBefore lies before lastUpdatedAfter; swap or widen the window")
                }
            }
            if marketplaceIds.count > Self.maxMarketplaceIds {
                throw SellingPartnerError.invalidRequest(
                    "searchOrders takes at most \(Self.maxMarketplaceIds) marketplaceIds, got \(marketplaceIds.count); split the search")
            }
            if let bad = marketplaceIds.first(where: { $0.isEmpty || $0.contains(",") }) {
                throw SellingPartnerError.invalidRequest("searchOrders marketplaceId \"\(bad)\" is empty or contains a comma; pass one id per element")
            }
            if let size = maxResultsPerPage, !Self.resultsPerPageRange.contains(size) {
                throw SellingPartnerError.invalidRequest("searchOrders maxResultsPerPage must be 1 to 100, got \(size)")
            }
            if let token = paginationToken, token.isEmpty {
                throw SellingPartnerError.invalidRequest("searchOrders paginationToken is empty; leave it nil for the first page")
            }
        }

        /// The validated query parameters in the model's order; lists are comma-joined (collectionFormat csv).
        public func queryItems() throws -> [(String, String)] {
            try validate()
            var items: [(String, String)] = []
            if let createdAfter { items.append(("createdAfter", AmazonTime.string(createdAfter))) }
            if let createdBefore { items.append(("createdBefore", AmazonTime.string(createdBefore))) }
            if let lastUpdatedAfter { items.append(("lastUpdatedAfter", AmazonTime.string(lastUpdatedAfter))) }
            if let lastUpdatedBefore { items.append(("lastUpdatedBefore", AmazonTime.string(lastUpdatedBefore))) }
            if !fulfillmentStatuses.isEmpty { items.append(("fulfillmentStatuses", fulfillmentStatuses.map(\.rawValue).joined(separator: ","))) }
            if !marketplaceIds.isEmpty { items.append(("marketplaceIds", marketplaceIds.joined(separator: ","))) }
            if !fulfilledBy.isEmpty { items.append(("fulfilledBy", fulfilledBy.map(\.rawValue).joined(separator: ","))) }
            if let maxResultsPerPage { items.append(("maxResultsPerPage", String(maxResultsPerPage))) }
            if let paginationToken { items.append(("paginationToken", paginationToken)) }
            if !includedData.isEmpty { items.append(("includedData", includedData.map(\.rawValue).joined(separator: ","))) }
            return items
        }
    }
}
