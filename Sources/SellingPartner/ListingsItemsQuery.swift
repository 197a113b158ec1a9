import Foundation

extension ListingsItems {
    /// `includedData` values of getListingsItem and searchListingsItems.
    public struct IncludedData: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let summaries = Self(rawValue: "summaries")
        public static let attributes = Self(rawValue: "attributes")
        public static let issues = Self(rawValue: "issues")
        public static let offers = Self(rawValue: "offers")
        public static let fulfillmentAvailability = Self(rawValue: "fulfillmentAvailability")
        public static let procurement = Self(rawValue: "procurement")
        public static let relationships = Self(rawValue: "relationships")
        public static let productTypes = Self(rawValue: "productTypes")
        /// patchListingsItem only.
        public static let identifiers = Self(rawValue: "identifiers")
    }

    /// `identifiersType` values of searchListingsItems.
    public struct IdentifiersType: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let asin = Self(rawValue: "ASIN")
        public static let ean = Self(rawValue: "EAN")
        public static let fnsku = Self(rawValue: "FNSKU")
        public static let gtin = Self(rawValue: "GTIN")
        public static let isbn = Self(rawValue: "ISBN")
        public static let jan = Self(rawValue: "JAN")
        public static let minsan = Self(rawValue: "MINSAN")
        public static let sku = Self(rawValue: "SKU")
        public static let upc = Self(rawValue: "UPC")
    }

    /// `sortBy` values of searchListingsItems.
    public struct SortBy: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let sku = Self(rawValue: "sku")
        public static let createdDate = Self(rawValue: "createdDate")
        public static let lastUpdatedDate = Self(rawValue: "lastUpdatedDate")
    }

    /// `sortOrder` values of searchListingsItems.
    public struct SortOrder: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let ascending = Self(rawValue: "ASC")
        public static let descending = Self(rawValue: "DESC")
    }

    /// `mode` of patchListingsItem: validate without applying.
    public struct SubmissionMode: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let validationPreview = Self(rawValue: "VALIDATION_PREVIEW")
    }
}

/// The filters, sorting and paging of one searchListingsItems call, as the model defines its query parameters.
public struct SearchListingsItemsQuery: Sendable {
    /// Empty = the client configuration's seller.
    public var sellerId: String?
    public var marketplaceIds: [String]
    public var issueLocale: String?
    public var includedData: [ListingsItems.IncludedData]
    public var identifiers: [String]
    public var identifiersType: ListingsItems.IdentifiersType?
    public var variationParentSku: String?
    public var packageHierarchySku: String?
    public var createdAfter: Date?
    public var createdBefore: Date?
    public var lastUpdatedAfter: Date?
    public var lastUpdatedBefore: Date?
    public var withIssueSeverity: [ListingsItems.IssueSeverity]
    public var withStatus: [ListingsItems.ListingStatus]
    public var withoutStatus: [ListingsItems.ListingStatus]
    public var sortBy: ListingsItems.SortBy?
    public var sortOrder: ListingsItems.SortOrder?
    /// 1 to 20; Amazon's default is 10.
    public var pageSize: Int?
    public var pageToken: String?

    public static let maxPageSize = 20
    public static let maxIdentifiers = 20

    public init(sellerId: String? = nil, marketplaceIds: [String], issueLocale: String? = nil,
                includedData: [ListingsItems.IncludedData] = [], identifiers: [String] = [],
                identifiersType: ListingsItems.IdentifiersType? = nil, variationParentSku: String? = nil,
                packageHierarchySku: String? = nil, createdAfter: Date? = nil, createdBefore: Date? = nil,
                lastUpdatedAfter: Date? = nil, lastUpdatedBefore: Date? = nil,
                withIssueSeverity: [ListingsItems.IssueSeverity] = [], withStatus: [ListingsItems.ListingStatus] = [],
                withoutStatus: [ListingsItems.ListingStatus] = [], sortBy: ListingsItems.SortBy? = nil,
                sortOrder: ListingsItems.SortOrder? = nil, pageSize: Int? = nil, pageToken: String? = nil) {
        self.sellerId = sellerId
        self.marketplaceIds = marketplaceIds
        self.issueLocale = issueLocale
        self.includedData = includedData
        self.identifiers = identifiers
        self.identifiersType = identifiersType
        self.variationParentSku = variationParentSku
        self.packageHierarchySku = packageHierarchySku
        self.createdAfter = createdAfter
        self.createdBefore = createdBefore
        self.lastUpdatedAfter = lastUpdatedAfter
        self.lastUpdatedBefore = lastUpdatedBefore
        self.withIssueSeverity = withIssueSeverity
        self.withStatus = withStatus
        self.withoutStatus = withoutStatus
        self.sortBy = sortBy
        self.sortOrder = sortOrder
        self.pageSize = pageSize
        self.pageToken = pageToken
    }

    /// Refuses what Amazon would refuse, with the fix in words.
    public func validate() throws {
        guard !marketplaceIds.isEmpty else {
            throw SellingPartnerError.invalidRequest("searchListingsItems needs at least one marketplaceId")
        }
        if let pageSize, !(1...Self.maxPageSize).contains(pageSize) {
            throw SellingPartnerError.invalidRequest("searchListingsItems pageSize \(pageSize) is out of range; use 1 to \(Self.maxPageSize)")
        }
        if identifiers.count > Self.maxIdentifiers {
            throw SellingPartnerError.invalidRequest("searchListingsItems takes at most \(Self.maxIdentifiers) identifiers, got \(identifiers.count); split the search")
        }
        if identifiers.isEmpty != (identifiersType == nil) {
            throw SellingPartnerError.invalidRequest("searchListingsItems needs identifiers and identifiersType together; set both or neither")
        }
        let exclusive = [!identifiers.isEmpty, variationParentSku != nil, packageHierarchySku != nil].filter { $0 }.count
        if exclusive > 1 {
            throw SellingPartnerError.invalidRequest("searchListingsItems takes only one of identifiers, variationParentSku and packageHierarchySku")
        }
    }

    /// The query parameters in the model's names; lists comma-joined.
    public var queryItems: [(String, String)] {
        var items: [(String, String)] = [("marketplaceIds", marketplaceIds.joined(separator: ","))]
        if let issueLocale { items.append(("issueLocale", issueLocale)) }
        if !includedData.isEmpty { items.append(("includedData", includedData.map(\.rawValue).joined(separator: ","))) }
        if !identifiers.isEmpty { items.append(("identifiers", identifiers.joined(separator: ","))) }
        if let identifiersType { items.append(("identifiersType", identifiersType.rawValue)) }
        if let variationParentSku { items.append(("variationParentSku", variationParentSku)) }
        if let packageHierarchySku { items.append(("packageHierarchySku", packageHierarchySku)) }
        if let createdAfter { items.append(("createdAfter", AmazonTime.string(createdAfter))) }
        if let createdBefore { items.append(("createdBefore", AmazonTime.string(createdBefore))) }
        if let lastUpdatedAfter { items.append(("lastUpdatedAfter", AmazonTime.string(lastUpdatedAfter))) }
        if let lastUpdatedBefore { items.append(("lastUpdatedBefore", AmazonTime.string(lastUpdatedBefore))) }
        if !withIssueSeverity.isEmpty { items.append(("withIssueSeverity", withIssueSeverity.map(\.rawValue).joined(separator: ","))) }
        if !withStatus.isEmpty { items.append(("withStatus", withStatus.map(\.rawValue).joined(separator: ","))) }
        if !withoutStatus.isEmpty { items.append(("withoutStatus", withoutStatus.map(\.rawValue).joined(separator: ","))) }
        if let sortBy { items.append(("sortBy", sortBy.rawValue)) }
        if let sortOrder { items.append(("sortOrder", sortOrder.rawValue)) }
        if let pageSize { items.append(("pageSize", String(pageSize))) }
        if let pageToken { items.append(("pageToken", pageToken)) }
        return items
    }
}
