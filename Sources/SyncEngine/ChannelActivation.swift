import Foundation
import Inventory
import InventoryStore
import Logging
import SellingPartner

/// Checks a channel against Amazon before it may sync (R2): marketplace participation, currency, taxes.
///
/// The outcome is written to the channel's state, so `status` shows why a channel stays inactive and what to do.
public struct ChannelActivation: Sendable {
    /// How one activation check ended; the same words are stored as the channel's state reason.
    public enum Result: Sendable, Equatable {
        /// Every check passed; the channel is idle and will sync.
        case activated
        /// A check failed for a reason the operator must fix; the channel stays inactive.
        case refused(reason: String)
        /// Amazon could not be asked or refused the credentials; the channel is in error and is checked again next cycle.
        case failed(reason: String)
    }

    private let environment: SyncEnvironment
    private let baseCurrency: String
    private let taxesEnabled: Bool

    public init(environment: SyncEnvironment, baseCurrency: String, taxesEnabled: Bool) {
        self.environment = environment
        self.baseCurrency = baseCurrency.uppercased()
        self.taxesEnabled = taxesEnabled
    }

    public func activate(_ channel: ChannelName) async -> Result {
        guard let endpoint = environment.channels[channel] else {
            return .refused(reason: "channel \(channel) is not declared: add it to the configuration and reload")
        }
        let marketplace = endpoint.channel.marketplace
        let result = await check(marketplace: marketplace, client: endpoint.client)
        let state: ChannelState
        let reason: String?
        switch result {
        case .activated: (state, reason) = (.idle, nil)
        case .refused(let why): (state, reason) = (.inactive, why)
        case .failed(let why): (state, reason) = (.error, why)
        }
        do {
            try environment.database.setChannelState(channel: channel, state: state, reason: reason)
        } catch {
            environment.logger.notice("channel activation could not be recorded", metadata: [
                "channel": "\(channel)", "error": "\(error)",
            ])
            return .failed(reason: "the channel's state could not be stored (\(error)); it will be checked again")
        }
        environment.logger.info("channel activation checked", metadata: [
            "channel": "\(channel)", "spapi.operation": "sellers.getMarketplaceParticipations", "state": "\(state)",
        ])
        return result
    }

    private func check(marketplace: Inventory.Marketplace, client: SellingPartnerClient) async -> Result {
        guard taxesEnabled else {
            return .refused(reason: "taxes are disabled in the organisation settings: enable taxes (R2), then reload")
        }
        let participations: [MarketplaceParticipation]
        do {
            participations = try await client.getMarketplaceParticipations().payload ?? []
        } catch {
            let failure = OrderSyncFailure(error)
            if failure.refused { return .failed(reason: failure.reason) }
            return .failed(reason: "could not ask Amazon for the marketplace participations (\(error)); will retry on the next cycle")
        }
        guard let participation = participations.first(where: { $0.marketplace.id == marketplace.marketplaceId }),
            participation.participation.isParticipating
        else {
            return .refused(reason: "the seller account does not participate in the \(marketplace.code) marketplace "
                + "(\(marketplace.marketplaceId)): authorize the account that sells there, or remove the channel")
        }
        let currency = participation.marketplace.defaultCurrencyCode.uppercased()
        guard currency == baseCurrency else {
            return .refused(reason: "the organisation's base currency \(baseCurrency) differs from the \(marketplace.code) "
                + "marketplace's currency \(currency) (R2): sell there from an organisation in \(currency)")
        }
        return .activated
    }
}
