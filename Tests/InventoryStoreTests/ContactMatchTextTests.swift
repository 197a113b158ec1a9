import Foundation
import Inventory
import Testing

@testable import InventoryStore

/// The ingest's byte-level contact key (issue 6) must give exactly `ContactMatchKey(buyer:)?.normalized` (R19): a
/// different byte would split one buyer into two contacts.
struct ContactMatchTextTests {
    static func expected(_ buyer: BuyerPII) -> [UInt8]? { ContactMatchKey(buyer: buyer).map { Array($0.normalized.utf8) } }

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

    @Test func sameBytesAsContactMatchKeyForEveryTextAndField() {
        for text in Self.texts {
            for buyer in [
                BuyerPII(buyerEmail: text), BuyerPII(buyerName: text), BuyerPII(recipientName: text),
                BuyerPII(buyerName: text, buyerEmail: " "), BuyerPII(buyerName: " ", recipientName: text),
                BuyerPII(buyerName: text, buyerEmail: text, recipientName: "R"),
            ] {
                #expect(ContactMatchText.bytes(buyer) == Self.expected(buyer), "\(Array(text.unicodeScalars))")
            }
        }
        #expect(ContactMatchText.bytes(BuyerPII(city: "Leeds")) == nil)
    }

    // R19: the same buyer spelled differently is one contact, through the store.
    @Test func buyerSpelledDifferentlyIsOneContact() throws {
        let t = try inventoryDatabase()
        let a = order("C-1", buyer: BuyerPII(buyerName: "Jane", buyerEmail: " Jane@Example.COM "))
        let b = order("C-2", buyer: BuyerPII(buyerName: "Other", buyerEmail: "jane@example.com"))
        let c = order("C-3", buyer: BuyerPII(buyerName: "ÉMILE  Zola"))
        let d = order("C-4", buyer: BuyerPII(recipientName: " émile zola "))
        try t.db.upsertOrders(channel: shopUS, orders: [a, b, c, d], cursor: nil)
        let contacts = try ["C-1", "C-2", "C-3", "C-4"].map { try #require(try t.db.order(amazonOrderId: $0)?.contactId) }
        #expect(contacts[0] == contacts[1] && contacts[2] == contacts[3] && contacts[0] != contacts[2])
    }
}
