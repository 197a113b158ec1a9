import Foundation
import Inventory
import InventoryStore
import SandboxHarness
import SellingPartner
import SyncEngine

extension SandboxHarness {
    /// The US channel of the sandbox's seller, registered in `database`, with a sync environment around `client`.
    func environment(_ database: AppDatabase, clock: any WallClock, client: SellingPartnerClient? = nil) throws -> SyncEnvironment {
        let channel = Channel(name: try ChannelName("amazon-us"), marketplace: .us, sellerId: configuration.sellerId)
        try database.registerChannels([channel])
        return SyncEnvironment(database: database, channels: [.init(channel: channel, client: client ?? self.client())], clock: clock)
    }

    /// Every US listing as the sandbox serves it (searchListingsItems with attributes), for comparisons.
    func usListings() async throws -> [ListingsItems.Item] {
        var items: [ListingsItems.Item] = []
        let query = SearchListingsItemsQuery(marketplaceIds: [Marketplace.us.marketplaceId], includedData: [.summaries, .attributes, .fulfillmentAvailability],
                                             pageSize: 20)
        for try await page in client().searchListingsItemsPages(query) { items += page.items }
        return items
    }
}
