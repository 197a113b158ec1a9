/// The normalised key a buyer is matched on: the email when there is one, else the name (R19).
///
/// The store never keeps this in clear; it keeps a keyed hash of `normalized`.
public enum ContactMatchKey: Sendable, Hashable {
    case email(String)
    case name(String)

    /// nil when the buyer has neither an email nor a name.
    public init?(buyer: BuyerPII) {
        if let e = buyer.buyerEmail.map(ContactMatchKey.normalize), !e.isEmpty {
            self = .email(e)
        } else if let n = (buyer.buyerName ?? buyer.recipientName).map(ContactMatchKey.normalize), !n.isEmpty {
            self = .name(n)
        } else {
            return nil
        }
    }

    /// Lower case, surrounding whitespace removed, inner runs of whitespace collapsed to one space.
    public static func normalize(_ s: String) -> String {
        s.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The text hashed for matching, prefixed so an email never matches a name.
    public var normalized: String {
        switch self {
        case .email(let e): "email:" + e
        case .name(let n): "name:" + n
        }
    }
}
