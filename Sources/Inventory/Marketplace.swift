/// An Amazon marketplace a channel may sell in (R1): US, UK or India.
public enum Marketplace: String, Sendable, Hashable, CaseIterable, Codable {
    case us = "US"
    case uk = "UK"
    case india = "IN"

    /// Parses the configuration code (`US`, `UK`, `IN`); nil for any other marketplace.
    public init?(code: String) {
        self.init(rawValue: code)
    }

    /// The code used in configuration, the database and the control API.
    public var code: String { rawValue }

    /// Amazon's marketplace id.
    public var marketplaceId: String {
        switch self {
        case .us: return "ATVPDKIKX0DER"
        case .uk: return "A1F83G8C2ARO7P"
        case .india: return "A21TJRUUN4KGV"
        }
    }

    /// The marketplace's default currency (ISO 4217), which the organisation's base currency must equal (R2).
    public var currency: String {
        switch self {
        case .us: return "USD"
        case .uk: return "GBP"
        case .india: return "INR"
        }
    }

    /// The default customer synced orders are associated with (R33).
    public var defaultCustomerName: String { "Amazon \(rawValue) - Customer" }

    /// The SP-API endpoint of the marketplace's region.
    public var defaultEndpoint: String {
        switch self {
        case .us: return "https://sellingpartnerapi-na.amazon.com"
        case .uk, .india: return "https://sellingpartnerapi-eu.amazon.com"
        }
    }
}
