import Foundation

/// FBA Inventory API v1 wire types (`fbaInventory.json`).
public enum FBAInventory {
    /// `GetInventorySummariesResponse`: one page of summaries.
    public struct GetInventorySummariesResponse: Codable, Sendable {
        public var payload: GetInventorySummariesResult?
        public var pagination: Pagination?
        public var errors: [InventoryError]?
    }

    /// `GetInventorySummariesResult`.
    public struct GetInventorySummariesResult: Codable, Sendable {
        public var granularity: Granularity
        public var inventorySummaries: [InventorySummary]
    }

    /// `Granularity`.
    public struct Granularity: Codable, Sendable {
        public var granularityType: String?
        public var granularityId: String?
    }

    /// `InventorySummary`: the FBA stock of one seller SKU.
    public struct InventorySummary: Codable, Sendable {
        public var asin: String?
        public var fnSku: String?
        public var sellerSku: String?
        public var condition: String?
        public var inventoryDetails: InventoryDetails?
        public var lastUpdatedTime: Date?
        public var productName: String?
        public var totalQuantity: Int?
        public var stores: [String]?
    }

    /// `InventoryDetails` (only with `details=true`).
    public struct InventoryDetails: Codable, Sendable {
        /// The units Amazon can ship to buyers now: what the product treats as FBA stock on hand.
        public var fulfillableQuantity: Int?
        public var inboundWorkingQuantity: Int?
        public var inboundShippedQuantity: Int?
        public var inboundReceivingQuantity: Int?
        public var reservedQuantity: ReservedQuantity?
        public var researchingQuantity: ResearchingQuantity?
        public var unfulfillableQuantity: UnfulfillableQuantity?
    }

    /// `ReservedQuantity`.
    public struct ReservedQuantity: Codable, Sendable {
        public var totalReservedQuantity: Int?
        public var pendingCustomerOrderQuantity: Int?
        public var pendingTransshipmentQuantity: Int?
        public var fcProcessingQuantity: Int?
    }

    /// `ResearchingQuantity`.
    public struct ResearchingQuantity: Codable, Sendable {
        public var totalResearchingQuantity: Int?
        public var researchingQuantityBreakdown: [ResearchingQuantityEntry]?
    }

    /// `ResearchingQuantityEntry`.
    public struct ResearchingQuantityEntry: Codable, Sendable {
        public var name: String
        public var quantity: Int
    }

    /// `UnfulfillableQuantity`.
    public struct UnfulfillableQuantity: Codable, Sendable {
        public var totalUnfulfillableQuantity: Int?
        public var customerDamagedQuantity: Int?
        public var warehouseDamagedQuantity: Int?
        public var distributorDamagedQuantity: Int?
        public var carrierDamagedQuantity: Int?
        public var defectiveQuantity: Int?
        public var expiredQuantity: Int?
    }

    /// `Pagination`.
    public struct Pagination: Codable, Sendable {
        public var nextToken: String?
    }

    /// The model's `Error` (renamed so it does not shadow `Swift.Error`): unlike other APIs, only `code` is required.
    public struct InventoryError: Codable, Sendable {
        public var code: String
        public var message: String?
        public var details: String?
    }
}

/// The filters and paging of one getInventorySummaries call (granularity is always one marketplace).
public struct GetInventorySummariesQuery: Sendable {
    /// The one marketplace both `granularityId` and `marketplaceIds` name.
    public var marketplaceId: String
    /// Ask for `inventoryDetails` (fulfillable, inbound, reserved…).
    public var details: Bool
    /// Only summaries changed at or after this time (Amazon keeps 18 months).
    public var startDateTime: Date?
    /// At most 50.
    public var sellerSkus: [String]
    public var sellerSku: String?
    public var nextToken: String?

    public static let maxSellerSkus = 50

    public init(marketplaceId: String, details: Bool = true, startDateTime: Date? = nil, sellerSkus: [String] = [],
                sellerSku: String? = nil, nextToken: String? = nil) {
        self.marketplaceId = marketplaceId
        self.details = details
        self.startDateTime = startDateTime
        self.sellerSkus = sellerSkus
        self.sellerSku = sellerSku
        self.nextToken = nextToken
    }

    /// Refuses what Amazon would refuse, with the fix in words.
    public func validate() throws {
        guard !marketplaceId.isEmpty else { throw SellingPartnerError.invalidRequest("getInventorySummaries needs a marketplaceId") }
        if sellerSkus.count > Self.maxSellerSkus {
            throw SellingPartnerError.invalidRequest("getInventorySummaries takes at most \(Self.maxSellerSkus) sellerSkus, got \(sellerSkus.count); split the list")
        }
    }

    /// The query parameters in the model's names.
    public var queryItems: [(String, String)] {
        var items: [(String, String)] = [("details", details ? "true" : "false"), ("granularityType", "Marketplace"),
                                         ("granularityId", marketplaceId), ("marketplaceIds", marketplaceId)]
        if let startDateTime { items.append(("startDateTime", AmazonTime.string(startDateTime))) }
        if !sellerSkus.isEmpty { items.append(("sellerSkus", sellerSkus.joined(separator: ","))) }
        if let sellerSku { items.append(("sellerSku", sellerSku)) }
        if let nextToken { items.append(("nextToken", nextToken)) }
        return items
    }
}
