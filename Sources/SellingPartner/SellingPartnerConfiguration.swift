import Foundation

/// Where and as whom the client talks to the Selling Partner API.
public struct SellingPartnerConfiguration: Sendable {
    public var endpoint: URL
    public var tokenEndpoint: URL
    public var clientId: String
    public var clientSecret: String
    public var refreshToken: String
    public var sellerId: String
    public var marketplaceIds: [String]
    public var userAgent: String

    public init(endpoint: URL, tokenEndpoint: URL, clientId: String, clientSecret: String, refreshToken: String,
                sellerId: String, marketplaceIds: [String], version: String = "0.1.0") {
        self.endpoint = endpoint
        self.tokenEndpoint = tokenEndpoint
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
        self.sellerId = sellerId
        self.marketplaceIds = marketplaceIds
        self.userAgent = "invsyncd/\(version) (Language=Swift; Platform=Linux)"
    }

    /// Amazon's documented regional endpoints: NA for US, EU for UK/IN-less Europe, FE; IN is served by EU.
    public static func defaultEndpoint(forMarketplaceId id: String) -> URL {
        switch id {
        case "ATVPDKIKX0DER", "A2EUQ1WTGCTBG2", "A1AM78C64UM0Y8", "A2Q3Y263D00KWC":
            URL(string: "https://sellingpartnerapi-na.amazon.com")!
        case "A1VC38T7YXB528", "A39IBJ37TRP1C6", "A19VAU5U5O7RUS":
            URL(string: "https://sellingpartnerapi-fe.amazon.com")!
        default:
            URL(string: "https://sellingpartnerapi-eu.amazon.com")!
        }
    }

    /// The Login with Amazon token endpoint, the same for every region.
    public static let defaultTokenEndpoint = URL(string: "https://api.amazon.com/auth/o2/token")!
}
