import Testing
import Inventory

struct MarketplaceTests {
    // R1
    @Test func acceptsTheThreeCodes() throws {
        #expect(Marketplace(code: "US") == .us)
        #expect(Marketplace(code: "UK") == .uk)
        #expect(Marketplace(code: "IN") == .in)
        #expect(try Marketplace.parse("UK") == .uk)
    }

    // R1
    @Test(arguments: ["us", "GB", "DE", "", " US", "USA"])
    func refusesOtherCodes(code: String) {
        #expect(Marketplace(code: code) == nil)
        #expect(throws: Marketplace.ParseError.unknownCode(code)) { try Marketplace.parse(code) }
        do { _ = try Marketplace.parse(code) } catch {
            #expect(error.description.contains("US, UK, IN"))
        }
    }

    @Test func identifiers() {
        #expect(Marketplace.us.marketplaceId == "ATVPDKIKX0DER")
        #expect(Marketplace.uk.marketplaceId == "A1F83G8C2ARO7P")
        #expect(Marketplace.in.marketplaceId == "A21TJRUUN4KGV")
        #expect([Marketplace.us, .uk, .in].map(\.currency) == ["USD", "GBP", "INR"])
        // R33
        #expect(Marketplace.us.defaultCustomerName == "Amazon US - Customer")
        #expect(Marketplace.in.defaultCustomerName == "Amazon IN - Customer")
        #expect(Marketplace.us.defaultEndpoint == "https://sellingpartnerapi-na.amazon.com")
        #expect(Marketplace.uk.defaultEndpoint == "https://sellingpartnerapi-eu.amazon.com")
        #expect(Marketplace.in.defaultEndpoint == "https://sellingpartnerapi-eu.amazon.com")
    }
}

struct ChannelNameTests {
    @Test(arguments: ["a", "shop-us", "0.x_y-z", String(repeating: "a", count: 64)])
    func accepts(name: String) throws {
        #expect(try ChannelName(name).rawValue == name)
    }

    @Test(arguments: ["", "-a", ".a", "_a", "Shop", "a b", "a/b", "é", String(repeating: "a", count: 65)])
    func refuses(name: String) {
        #expect(throws: ChannelName.ValidationError.invalid(name)) { try ChannelName(name) }
    }
}
