/// An amount of money as a decimal string plus an ISO 4217 currency code, exactly as Amazon sends it.
///
/// A decimal string rather than minor units: Amazon and the control interface (CONTROL.md) both speak
/// decimal strings, the store does no arithmetic on prices, and minor-unit exponents differ by currency.
public struct Money: Sendable, Hashable, Codable, CustomStringConvertible {
    public let amount: String
    public let currency: String

    /// Errors raised for a malformed amount or currency.
    public enum ValidationError: Error, Equatable, CustomStringConvertible {
        case invalidAmount(String)
        case invalidCurrency(String)
        public var description: String {
            switch self {
            case .invalidAmount(let a): "invalid amount '\(a)': use a decimal such as 12.99 or -3.5"
            case .invalidCurrency(let c): "invalid currency '\(c)': use a three-letter ISO 4217 code such as USD"
            }
        }
    }

    public init(amount: String, currency: String) throws(ValidationError) {
        guard Money.isDecimal(amount) else { throw .invalidAmount(amount) }
        guard currency.utf8.count == 3, currency.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            throw .invalidCurrency(currency)
        }
        self.amount = amount
        self.currency = currency
    }

    /// `-?digits(.digits)?`, at most 32 characters.
    public static func isDecimal(_ s: String) -> Bool {
        var bytes = Array(s.utf8)
        guard !bytes.isEmpty, bytes.count <= 32 else { return false }
        if bytes[0] == 0x2D { bytes.removeFirst() }
        let parts = bytes.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }

    private enum CodingKeys: String, CodingKey { case amount, currency }

    /// Decoding validates like `init(amount:currency:)`, so a malformed value cannot enter through JSON.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(amount: c.decode(String.self, forKey: .amount), currency: c.decode(String.self, forKey: .currency))
    }

    public var description: String { "\(amount) \(currency)" }
}
