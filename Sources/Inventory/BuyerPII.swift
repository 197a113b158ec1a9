/// Buyer and recipient data of an Amazon order (R30): stored only encrypted, never logged.
///
/// `description`, `debugDescription` and the mirror are redacted so that string interpolation, `print`
/// and `dump` cannot leak it by accident.
public struct BuyerPII: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    public var buyerName: String?
    public var buyerEmail: String?
    public var buyerPhone: String?
    public var recipientName: String?
    public var addressLines: [String]
    public var city: String?
    public var stateOrRegion: String?
    public var postalCode: String?
    public var countryCode: String?

    public init(
        buyerName: String? = nil, buyerEmail: String? = nil, buyerPhone: String? = nil, recipientName: String? = nil,
        addressLines: [String] = [], city: String? = nil, stateOrRegion: String? = nil, postalCode: String? = nil,
        countryCode: String? = nil
    ) {
        self.buyerName = buyerName
        self.buyerEmail = buyerEmail
        self.buyerPhone = buyerPhone
        self.recipientName = recipientName
        self.addressLines = addressLines
        self.city = city
        self.stateOrRegion = stateOrRegion
        self.postalCode = postalCode
        self.countryCode = countryCode
    }

    /// True when no field carries data; such a value is not stored.
    public var isEmpty: Bool {
        [buyerName, buyerEmail, buyerPhone, recipientName, city, stateOrRegion, postalCode, countryCode]
            .allSatisfy { ($0 ?? "").isEmpty } && addressLines.allSatisfy(\.isEmpty)
    }

    public var description: String { "BuyerPII(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
