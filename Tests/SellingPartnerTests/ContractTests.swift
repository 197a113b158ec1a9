import Foundation
import Testing
@testable import SellingPartner

@Suite struct ContractTests {
    /// Every official static sandbox response decodes with the client's types.
    @Test func sellersGetMarketplaceParticipations() throws {
        let bodies = try ModelFixtures.staticSuccessBodies("sellers", operation: "getMarketplaceParticipations")
        #expect(bodies.count > 0)
        for body in bodies {
            let decoded = try ResponseDecoder.decode(GetMarketplaceParticipationsResponse.self, from: body, operation: "getMarketplaceParticipations")
            #expect(decoded.payload?.isEmpty == false)
        }
    }

    /// A missing required field is a decoding error that names the field's coding path.
    @Test func missingRequiredFieldIsNamed() throws {
        let body = Data(#"{"payload":[{"marketplace":{"id":"X","name":"n","countryCode":"US","defaultCurrencyCode":"USD","defaultLanguageCode":"en_US"},"participation":{"isParticipating":true,"hasSuspendedListings":false},"extra":1}]}"#.utf8)
        do {
            _ = try ResponseDecoder.decode(GetMarketplaceParticipationsResponse.self, from: body, operation: "getMarketplaceParticipations")
            Issue.record("decoded without domainName")
        } catch let SellingPartnerError.decoding(operation, field, _) {
            #expect(operation == "getMarketplaceParticipations")
            #expect(field == "payload.[0].marketplace.domainName")
        }
    }
}
