import Foundation

/// The runtime settings and state of one channel, changed over the control socket.
public struct ChannelSettings: Sendable, Hashable, Codable {
    public var enabled: Bool
    public var syncInterval: SyncInterval
    public var stockSyncActive: Bool
    /// At most one of `fbaWarehouse` and `mappedWarehouse` is set (R24).
    public var fbaWarehouse: String?
    public var mappedWarehouse: String?
    public var state: ChannelState
    public var inactiveReason: String?
    public var lastSyncAt: Date?
    public var nextSyncAt: Date?

    public init(
        enabled: Bool = true, syncInterval: SyncInterval = .default, stockSyncActive: Bool = false,
        fbaWarehouse: String? = nil, mappedWarehouse: String? = nil, state: ChannelState = .idle,
        inactiveReason: String? = nil, lastSyncAt: Date? = nil, nextSyncAt: Date? = nil
    ) {
        self.enabled = enabled
        self.syncInterval = syncInterval
        self.stockSyncActive = stockSyncActive
        self.fbaWarehouse = fbaWarehouse
        self.mappedWarehouse = mappedWarehouse
        self.state = state
        self.inactiveReason = inactiveReason
        self.lastSyncAt = lastSyncAt
        self.nextSyncAt = nextSyncAt
    }

    /// The settings a newly declared channel starts with.
    public static let `default` = ChannelSettings()
}
