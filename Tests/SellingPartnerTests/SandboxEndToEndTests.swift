import Foundation
import SellingPartner
import Testing

/// The client against the real sandbox over libcurl: token, rate limits, retries and faults end to end.
@Suite(.serialized) struct SandboxEndToEndTests {
    /// The client needs nothing but the two endpoints to talk to another SP-API implementation.
    @Test func participationsThroughTheSandbox() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let response = try await sandbox.client().getMarketplaceParticipations()
        let ids = Set((response.payload ?? []).map(\.marketplace.id))
        #expect(ids == ["ATVPDKIKX0DER", "A1F83G8C2ARO7P", "A21TJRUUN4KGV"])
        #expect(try await sandbox.counts("getMarketplaceParticipations").requests == 1)
    }
}
