import Inventory

/// One channel as GetStatus reports it: its identity, its settings and how much of its work waits for another attempt.
public struct ChannelStatusRecord: Sendable, Hashable {
    public let channel: Channel
    public let settings: ChannelSettings
    /// Retry-queue records, unaccepted shipment confirmations and failed stock pushes (`pendingWorkCount`).
    public let pendingWork: Int
}
