import Foundation
import Testing
import Inventory

struct DomainValueTests {
    @Test func buyerPIINeverPrints() {
        // R30: interpolation, print and dump never show PII.
        let b = BuyerPII(buyerName: "Jane Roe", buyerEmail: "jane@example.com", addressLines: ["1 Secret Lane"])
        var dumped = ""
        dump(b, to: &dumped)
        for text in ["\(b)", String(describing: b), String(reflecting: b), dumped] {
            #expect(!text.contains("Jane") && !text.contains("jane@") && !text.contains("Secret"), "\(text)")
        }
        #expect(!b.isEmpty)
        #expect(BuyerPII().isEmpty)
        #expect(BuyerPII(addressLines: [""]).isEmpty)
    }

    @Test func contactMatchKeyPrefersEmail() {
        // R19: matched by email, else by name.
        #expect(ContactMatchKey(buyer: BuyerPII(buyerName: "Jane", buyerEmail: " Jane@Example.com ")) == .email("jane@example.com"))
        #expect(ContactMatchKey(buyer: BuyerPII(buyerName: "  Jane   ROE ", buyerEmail: "")) == .name("jane roe"))
        #expect(ContactMatchKey(buyer: BuyerPII(recipientName: "Bob")) == .name("bob"))
        #expect(ContactMatchKey(buyer: BuyerPII(city: "Leeds")) == nil)
        #expect(ContactMatchKey.email("x").normalized != ContactMatchKey.name("x").normalized)
    }

    @Test func money() throws {
        #expect(try Money(amount: "12.99", currency: "USD").description == "12.99 USD")
        #expect(try Money(amount: "-3", currency: "INR").amount == "-3")
        for bad in ["", "1.", ".5", "1.2.3", "1e3", "abc", "--1"] {
            #expect(throws: Money.ValidationError.invalidAmount(bad)) { try Money(amount: bad, currency: "USD") }
        }
        #expect(throws: Money.ValidationError.invalidCurrency("usd")) { try Money(amount: "1", currency: "usd") }
        let json = Data(#"{"amount":"1.x","currency":"USD"}"#.utf8)
        #expect(throws: Money.ValidationError.invalidAmount("1.x")) { try JSONDecoder().decode(Money.self, from: json) }
        let ok = try JSONEncoder().encode(try Money(amount: "2.50", currency: "GBP"))
        #expect(try JSONDecoder().decode(Money.self, from: ok).amount == "2.50")
    }

    @Test func listingAdmission() {
        // R15: more than three variation attributes are not synced.
        #expect(ListingAdmission.decide(IncomingListing(sku: "A", variationAttributes: ["color", "size", "style"])) == .accept)
        guard case .reject(let reason) = ListingAdmission.decide(
            IncomingListing(sku: "A", variationAttributes: ["color", "size", "style", "material"]))
        else {
            Issue.record("four attributes accepted")
            return
        }
        #expect(reason.contains("4"))
        #expect(ListingAdmission.decide(IncomingListing(sku: "A", variationAttributes: ["a", "a", "b", "c"])) == .accept)
    }
}
