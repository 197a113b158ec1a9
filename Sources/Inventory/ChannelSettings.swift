import Foundation

/// A channel's runtime preferences and state, set through the control interface and kept in the database.
public struct ChannelSettings: Sendable, Hashable {
    /// Disabled = inactive: no sync, no stock push, data kept (R4).
    public var enabled: Bool
    public var syncInterval: SyncInterval
    /// Whether stock is pushed for the channel's MFN listings (R16).
    public var stockSyncActive: Bool
    /// The FBA warehouse (R24); exclusive with `mappedWarehouse`.
    public var fbaWarehouse: String?
    /// The mapped warehouse (R23); exclusive with `fbaWarehouse`.
    public var mappedWarehouse: String?
    public var state: ChannelState
    /// Why the channel is inactive or in error, with what to do.
    public var inactiveReason: String?
    public var lastSyncAt: Date?
    public var nextSyncAt: Date?

    /// A newly declared channel: enabled, every 4 hours (R6), stock sync inactive until the seller turns it on.
    public static let initial = ChannelSettings(
        enabled: true, syncInterval: .default, stockSyncActive: false, fbaWarehouse: nil, mappedWarehouse: nil,
        state: .idle, inactiveReason: nil, lastSyncAt: nil, nextSyncAt: nil)

    public init(
        enabled: Bool, syncInterval: SyncInterval, stockSyncActive: Bool, fbaWarehouse: String?, mappedWarehouse: String?,
        state: ChannelState, inactiveReason: String?, lastSyncAt: Date?, nextSyncAt: Date?
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
}
