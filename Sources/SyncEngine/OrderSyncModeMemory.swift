import Inventory
import Synchronization

/// Remembers, per channel, the order sync preference (R17) the last completed run applied in this process.
///
/// Widening the preference to Confirmed and Fulfilled must bring in the look-back's shipped orders, which an
/// incremental window never sees again; the run that finds the preference wider than what it last applied sweeps
/// the look-back once. After a restart that sweep runs once more: harmless, as the upsert is idempotent (R18).
final class OrderSyncModeMemory: Sendable {
    private let applied = Mutex<[ChannelName: OrderSyncMode]>([:])

    init() {}

    /// Whether `mode` brings fulfilled orders this channel's runs have not swept for yet.
    func needsFulfilledSweep(channel: ChannelName, mode: OrderSyncMode) -> Bool {
        mode == .confirmedAndFulfilled && applied.withLock { $0[channel] } != .confirmedAndFulfilled
    }

    func record(channel: ChannelName, mode: OrderSyncMode) {
        applied.withLock { $0[channel] = mode }
    }
}
