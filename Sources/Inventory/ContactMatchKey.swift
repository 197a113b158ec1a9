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
        normalizeASCII(s) ?? normalizeUnicode(s)
    }

    /// The Unicode rules: `Character`-aware lowercasing and whitespace.
    static func normalizeUnicode(_ s: String) -> String {
        s.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The same result for ASCII text, byte by byte; nil for any other text. Emails and names are almost always
    /// ASCII, and the Unicode path (grapheme breaking, case mapping, three intermediate strings) was 5 % of the order
    /// ingest in issue 6's profile. In ASCII, lowercasing maps A–Z alone and the whitespace characters are
    /// U+0009–U+000D and U+0020 (CR LF is one Character, but both of its bytes are whitespace).
    static func normalizeASCII(_ s: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for byte in s.utf8 {
            if byte >= 0x80 { return nil }
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The text hashed for matching, prefixed so an email never matches a name.
    public var normalized: String {
        switch self {
        case .email(let e): "email:" + e
        case .name(let n): "name:" + n
        }
    }
}
