import Testing

@testable import Inventory

/// The match key's ASCII path (issue 6: the Unicode path was 5 % of the order ingest) must give exactly what the
/// Unicode rules give (R19): a different byte would split one buyer into two contacts.
struct ContactMatchKeyNormalizationTests {
    static let texts: [String] = {
        var texts = [
            "", " ", "\t\n", "Jane", " Jane@Example.COM ", "  Jane   ROE ", "a\r\nb", "A\u{0B}B\u{0C}C", "x\u{1C}y\u{1F}z",
            "ÉMILE Zola", "Straße  Nord", "İstanbul", "a\u{00A0}b", "a\u{2003}b\u{3000}", "e\u{301}", "ZOË", "\u{85}lead",
            "MiXeD CaSe@Host.Example", "tab\tand space", "emoji 👍 Name", "Ǆ",
        ]
        // Every ASCII character alone and between letters.
        for b in 0..<128 {
            let c = String(UnicodeScalar(UInt8(b)))
            texts.append(c)
            texts.append("Ab" + c + "Cd" + c + c)
        }
        return texts
    }()

    // R19
    @Test func theASCIIPathGivesWhatTheUnicodeRulesGive() {
        for text in Self.texts {
            #expect(ContactMatchKey.normalize(text) == ContactMatchKey.normalizeUnicode(text), "\(Array(text.unicodeScalars))")
        }
        // Only ASCII takes the byte path.
        #expect(ContactMatchKey.normalizeASCII("ÉMILE") == nil)
        #expect(ContactMatchKey.normalizeASCII(" Jane\t ROE ") == "jane roe")
    }
}
