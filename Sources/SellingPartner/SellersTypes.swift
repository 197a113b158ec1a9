/// Sellers API `GetMarketplaceParticipationsResponse`.
public struct GetMarketplaceParticipationsResponse: Codable, Sendable {
    public var payload: [MarketplaceParticipation]?
    public var errors: [SellingPartnerError.APIError]?
}

/// Sellers API `MarketplaceParticipation`.
public struct MarketplaceParticipation: Codable, Sendable {
    public var marketplace: Marketplace
    public var participation: Participation
    public var storeName: String?
}

/// Sellers API `Marketplace`.
public struct Marketplace: Codable, Sendable {
    public var id: String
    public var name: String
    public var countryCode: String
    public var defaultCurrencyCode: String
    public var defaultLanguageCode: String
    public var domainName: String
}

/// Sellers API `Participation`.
public struct Participation: Codable, Sendable {
    public var isParticipating: Bool
    public var hasSuspendedListings: Bool
}
