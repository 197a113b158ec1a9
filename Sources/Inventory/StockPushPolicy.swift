/// Decides which quantity a listing should show on Amazon and whether a push is needed (R16, R22, R23).
public struct StockPushPolicy: Sendable, Hashable {
    public var source: StockSource

    public init(source: StockSource) {
        self.source = source
    }

    /// The desired quantity: the available stock of the source, never below zero. `available` is keyed by
    /// warehouse name; the organisation is the sum over all warehouses, except FBA ones given in `excluding`
    /// (stock at Amazon is not the seller's to ship).
    public func desiredQuantity(available: [String: Int], excluding: Set<String> = []) -> Int {
        let total: Int
        switch source {
        case .organization:
            total = available.filter { !excluding.contains($0.key) }.reduce(0) { $0 + $1.value }
        case .warehouse(let name):
            total = available[name] ?? 0
        }
        return max(0, total)
    }

    /// Whether a listing of this channel is pushed at all: MFN only, channel enabled and stock sync active.
    public static func isPushed(listing fulfillment: Fulfillment, settings: ChannelSettings) -> Bool {
        fulfillment == .mfn && settings.enabled && settings.stockSyncActive
    }

    /// The quantity to send, or nil when Amazon already holds the desired one.
    public static func push(desired: Int, acknowledged: Int?) -> Int? {
        acknowledged == desired ? nil : desired
    }
}
