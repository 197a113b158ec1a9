import Inventory
import Synchronization

/// The listings whose push is in flight in a feed, so passes meanwhile leave them alone (their entries stay in the
/// outbox until the feed's report is read back).
final class StockPushInFlight: Sendable {
    private let keys = Mutex(Set<String>())

    private static func key(_ channel: ChannelName, _ sku: String) -> String { "\(channel.rawValue)\u{1F}\(sku)" }

    /// No feed is in flight.
    var isEmpty: Bool { keys.withLock { $0.isEmpty } }

    func contains(_ channel: ChannelName, _ sku: String) -> Bool {
        keys.withLock { $0.contains(Self.key(channel, sku)) }
    }

    func insert(_ channel: ChannelName, _ skus: some Sequence<String>) {
        let new = skus.map { Self.key(channel, $0) }
        keys.withLock { $0.formUnion(new) }
    }

    func remove(_ channel: ChannelName, _ skus: some Sequence<String>) {
        let old = skus.map { Self.key(channel, $0) }
        keys.withLock { $0.subtract(old) }
    }
}
