import Inventory

/// The UTF-8 bytes of `ContactMatchKey(buyer:)?.normalized`, the text a contact's digest is keyed on (R19), built
/// byte by byte when the text is ASCII.
///
/// `ContactMatchKey.normalize` lowercases, splits on `Character.isWhitespace` and joins: Unicode-aware String
/// work (grapheme breaking, case mapping, three intermediate strings) that was 5 % of the order ingest in issue 6's
/// profile, for emails and names that are almost always ASCII. In ASCII, lowercasing maps A–Z alone and the
/// whitespace characters are U+0009–U+000D and U+0020 (CR LF is one Character, but both bytes are whitespace), so
/// the bytes below are the same; any other text goes through `ContactMatchKey` itself.
enum ContactMatchText {
    static func bytes(_ buyer: BuyerPII) -> [UInt8]? {
        if let email = buyer.buyerEmail {
            let normalized = normalize(email, prefix: "email:")
            if normalized.count > 6 { return normalized }
        }
        // As ContactMatchKey: the buyer's name when present (even if blank), else the recipient's.
        if let name = buyer.buyerName ?? buyer.recipientName {
            let normalized = normalize(name, prefix: "name:")
            if normalized.count > 5 { return normalized }
        }
        return nil
    }

    /// `prefix` followed by the normalised `text`.
    static func normalize(_ text: String, prefix: StaticString) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(prefix.utf8CodeUnitCount + text.utf8.count)
        out.append(contentsOf: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
        var pendingSpace = false
        for byte in text.utf8 {
            if byte >= 0x80 {
                // Not ASCII: the Unicode rules, exactly as ContactMatchKey applies them.
                out.removeSubrange(prefix.utf8CodeUnitCount...)
                out.append(contentsOf: ContactMatchKey.normalize(text).utf8)
                return out
            }
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = out.count > prefix.utf8CodeUnitCount
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
        }
        return out
    }
}
