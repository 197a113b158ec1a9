/// Parameter types and error names of `io.invsync.Channels`, matching its IDL field for field.
public enum ChannelsInterface {
    public static let name = "io.invsync.Channels"

    /// Method names of the interface.
    public enum Method: String, Sendable, CaseIterable {
        case setEnabled = "SetEnabled"
        case setSyncInterval = "SetSyncInterval"
        case setStockSync = "SetStockSync"
        case setOrderSyncMode = "SetOrderSyncMode"
        case setFBAWarehouse = "SetFBAWarehouse"
        case setWarehouseMapping = "SetWarehouseMapping"

        /// The fully qualified name a client calls.
        public var qualified: String { "\(ChannelsInterface.name).\(rawValue)" }
    }

    /// Named errors of the interface.
    public enum ErrorName {
        public static let noSuchChannel = "io.invsync.Channels.NoSuchChannel"
        public static let noSuchWarehouse = "io.invsync.Channels.NoSuchWarehouse"
        public static let intervalNotAllowed = "io.invsync.Channels.IntervalNotAllowed"
        public static let conflict = "io.invsync.Channels.Conflict"
        public static let notAllowed = "io.invsync.Channels.NotAllowed"
    }

    public enum OrderSyncMode: String, Codable, Sendable, CaseIterable {
        case confirmed, confirmedAndFulfilled
    }

    public struct SetEnabledParameters: Codable, Sendable, Equatable {
        public var channel: String
        public var enabled: Bool
        public init(channel: String, enabled: Bool) {
            self.channel = channel
            self.enabled = enabled
        }
    }

    public struct SetSyncIntervalParameters: Codable, Sendable, Equatable {
        public var channel: String
        public var minutes: Int
        public init(channel: String, minutes: Int) {
            self.channel = channel
            self.minutes = minutes
        }
    }

    public struct SetStockSyncParameters: Codable, Sendable, Equatable {
        public var channel: String
        public var active: Bool
        public init(channel: String, active: Bool) {
            self.channel = channel
            self.active = active
        }
    }

    public struct SetOrderSyncModeParameters: Codable, Sendable, Equatable {
        public var mode: OrderSyncMode
        public init(mode: OrderSyncMode) { self.mode = mode }
    }

    /// Parameters of `SetFBAWarehouse` and `SetWarehouseMapping`: a null warehouse turns the feature off.
    public struct SetWarehouseParameters: Codable, Sendable, Equatable {
        public var channel: String
        public var warehouse: String?
        public init(channel: String, warehouse: String?) {
            self.channel = channel
            self.warehouse = warehouse
        }
    }
}
