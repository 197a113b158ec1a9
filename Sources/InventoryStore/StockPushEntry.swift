import Foundation
import Inventory

/// One listing waiting in the stock outbox, with what the pusher needs to decide (R16, decision 4).
public struct StockPushEntry: Sendable, Hashable {
    public var channel: ChannelName
    public var sku: String
    /// Bumped by every enqueue; pass it back to `acknowledgePush` so a newer change is not lost.
    public var version: Int64
    /// When the oldest unpushed change of this listing was enqueued.
    public var enqueuedAt: Date
    /// The desired quantity under `StockPushPolicy`; nil when nothing must be pushed (listing gone, FBA,
    /// unlinked, channel disabled or stock sync inactive).
    public var desiredQuantity: Int?
    /// The quantity Amazon last acknowledged.
    public var acknowledgedQuantity: Int?

    public init(
        channel: ChannelName, sku: String, version: Int64, enqueuedAt: Date, desiredQuantity: Int?,
        acknowledgedQuantity: Int?
    ) {
        self.channel = channel
        self.sku = sku
        self.version = version
        self.enqueuedAt = enqueuedAt
        self.desiredQuantity = desiredQuantity
        self.acknowledgedQuantity = acknowledgedQuantity
    }
}
