/// An Amazon marketplace a channel can sell on, with its fixed identifiers (R1).
public enum Marketplace: String, Sendable, Hashable, CaseIterable, Codable {
    case us = "US"
    case uk = "UK"
    case `in` = "IN"

    /// Errors raised when parsing a marketplace code.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case unknownCode(String)
        public var description: String {
            switch self {
            case .unknownCode(let code):
                "unknown marketplace '\(code)': use one of US, UK, IN"
            }
        }
    }

    /// Accepts exactly "US", "UK" or "IN" (R1); anything else is refused.
    public init?(code: String) {
        self.init(rawValue: code)
    }

    /// Like `init?(code:)` but throws an error that lists the allowed codes.
    public static func parse(_ code: String) throws(ParseError) -> Marketplace {
        guard let value = Marketplace(code: code) else { throw .unknownCode(code) }
        return value
    }

    public var code: String { rawValue }

    public var marketplaceId: String {
        switch self {
        case .us: "ATVPDKIKX0DER"
        case .uk: "A1F83G8C2ARO7P"
        case .in: "A21TJRUUN4KGV"
        }
    }

    public var currency: String {
        switch self {
        case .us: "USD"
        case .uk: "GBP"
        case .in: "INR"
        }
    }

    /// The customer name used on orders instead of buyer data (R33).
    public var defaultCustomerName: String { "Amazon \(rawValue) - Customer" }

    /// The SP-API regional endpoint: NA for US, EU for UK and IN.
    public var defaultEndpoint: String {
        switch self {
        case .us: "https://sellingpartnerapi-na.amazon.com"
        case .uk, .in: "https://sellingpartnerapi-eu.amazon.com"
        }
    }
}
