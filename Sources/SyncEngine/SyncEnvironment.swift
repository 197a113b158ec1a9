import Foundation
import Inventory
import InventoryStore
import Logging
import SellingPartner

/// Everything a sync run needs: the store, each channel's SP-API client and declaration, the clock and the knobs.
public struct SyncEnvironment: Sendable {
    /// One declared channel with the client that speaks for its seller account.
    public struct ChannelEndpoint: Sendable {
        public var channel: Channel
        public var client: SellingPartnerClient
        /// How far back the initial order sync reaches (R5, `initial_lookback_days`).
        public var initialLookbackDays: Int
        /// How the look-back and timeframes fetch their orders (`order_backfill`, issue 7).
        public var orderBackfill: OrderBackfillPath

        public init(channel: Channel, client: SellingPartnerClient, initialLookbackDays: Int = 30,
                    orderBackfill: OrderBackfillPath = .auto) {
            self.channel = channel
            self.client = client
            self.initialLookbackDays = initialLookbackDays
            self.orderBackfill = orderBackfill
        }
    }

    public var database: AppDatabase
    public var channels: [ChannelName: ChannelEndpoint]
    public var clock: any WallClock
    /// Incremental order windows start this long before the stored cursor (decision 2), so late writes on Amazon's side are seen.
    public var orderOverlap: TimeInterval
    /// Orders per searchOrders page (Amazon allows 1–100).
    public var orderPageSize: Int
    public var logger: Logger

    public init(database: AppDatabase, channels: [ChannelEndpoint], clock: any WallClock = SystemWallClock(),
                orderOverlap: TimeInterval = 300, orderPageSize: Int = 100,
                logger: Logger = Logger(label: "invsync.sync")) {
        self.database = database
        self.channels = Dictionary(channels.map { ($0.channel.name, $0) }, uniquingKeysWith: { _, last in last })
        self.clock = clock
        self.orderOverlap = orderOverlap
        self.orderPageSize = orderPageSize
        self.logger = logger
    }
}
