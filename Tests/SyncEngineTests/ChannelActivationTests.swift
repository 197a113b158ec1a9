import Foundation
import Inventory
import InventoryStore
import SellingPartner
import SyncEngine
import Testing

/// R2 against the real sandbox: currency and taxes decide whether a channel may sync, and status says why not.
@Suite(.serialized) struct ChannelActivationTests {
    func state(_ f: OrderSyncFixture) throws -> (ChannelState, String?) {
        let settings = try #require(try f.db.channel(named: f.us)).1
        return (settings.state, settings.inactiveReason)
    }

    /// R2: a GBP organisation cannot activate the US (USD) channel; the reason names both currencies.
    @Test func refusesAnOrganisationInAnotherCurrency() async throws {
        let f = try await OrderSyncFixture(orders: 10)
        let result = await ChannelActivation(environment: f.environment, baseCurrency: "GBP", taxesEnabled: true).activate(f.us)
        guard case .refused(let reason) = result else { Issue.record("expected a refusal, got \(result)"); return }
        #expect(reason.contains("GBP") && reason.contains("USD"))
        let (s, why) = try state(f)
        #expect(s == .inactive)
        #expect(why == reason)
    }

    /// R2: taxes disabled in the organisation keeps the channel inactive with the fix in words.
    @Test func refusesWhenTaxesAreDisabled() async throws {
        let f = try await OrderSyncFixture(orders: 10)
        let result = await ChannelActivation(environment: f.environment, baseCurrency: "USD", taxesEnabled: false).activate(f.us)
        guard case .refused(let reason) = result else { Issue.record("expected a refusal, got \(result)"); return }
        #expect(reason.contains("taxes") && reason.contains("enable"))
        #expect(try state(f).0 == .inactive)
    }

    /// R2: the right organisation activates the channel; a former inactive reason is cleared.
    @Test func activatesTheRightOrganisation() async throws {
        let f = try await OrderSyncFixture(orders: 10)
        try f.db.setChannelState(channel: f.us, state: .inactive, reason: "earlier refusal")
        try await f.sandbox.admin("DELETE", "counts")
        let result = await ChannelActivation(environment: f.environment, baseCurrency: "usd", taxesEnabled: true).activate(f.us)
        #expect(result == .activated)
        let (s, why) = try state(f)
        #expect(s == .idle)
        #expect(why == nil)
        #expect(try await f.sandbox.counts("getMarketplaceParticipations").requests == 1)  // asked Amazon, not assumed
    }

    /// R2, R1: a marketplace the seller account does not participate in leaves the channel inactive.
    @Test func refusesAMarketplaceTheSellerDoesNotSellIn() async throws {
        let f = try await OrderSyncFixture(orders: 10)  // the sandbox seller sells in US and UK only
        let india = Channel(name: try ChannelName("amazon-in"), marketplace: .in, sellerId: f.sandbox.configuration.sellerId)
        let us = try #require(f.environment.channels[f.us]).channel
        try f.db.registerChannels([us, india])
        let environment = SyncEnvironment(
            database: f.db, channels: [.init(channel: india, client: f.sandbox.client(marketplaceIds: [india.marketplace.marketplaceId]))],
            clock: f.clock)
        let result = await ChannelActivation(environment: environment, baseCurrency: "INR", taxesEnabled: true).activate(india.name)
        guard case .refused(let reason) = result else { Issue.record("expected a refusal, got \(result)"); return }
        #expect(reason.contains("does not participate") && reason.contains("IN"))
        #expect(try f.db.channel(named: india.name)?.1.state == .inactive)
    }

    /// A refused refresh token puts the channel in error with the fix; a 500 storm says it will retry.
    @Test func authorizationAndTransportFailures() async throws {
        let f = try await OrderSyncFixture(orders: 10)
        var bad = f.sandbox.clientConfiguration()
        bad.refreshToken = "Atzr|revoked"
        let badClient = SellingPartnerClient(configuration: bad, transport: f.sandbox.transport,
                                             retry: SellingPartner.RetryPolicy(baseDelay: .milliseconds(5)))
        let channel = try #require(f.environment.channels[f.us]).channel
        let badEnvironment = SyncEnvironment(database: f.db, channels: [.init(channel: channel, client: badClient)], clock: f.clock)
        let refused = await ChannelActivation(environment: badEnvironment, baseCurrency: "USD", taxesEnabled: true).activate(f.us)
        guard case .failed(let reason) = refused else { Issue.record("expected a failure, got \(refused)"); return }
        #expect(try state(f).0 == .error)
        #expect(try state(f).1 == reason)

        try await f.sandbox.fault("getMarketplaceParticipations", "status", status: 500, count: 100)
        let storm = await ChannelActivation(environment: f.environment, baseCurrency: "USD", taxesEnabled: true).activate(f.us)
        try await f.sandbox.admin("DELETE", "faults")
        guard case .failed(let why) = storm else { Issue.record("expected a failure, got \(storm)"); return }
        #expect(why.contains("will retry"))
        #expect(try state(f).0 == .error)
    }
}
