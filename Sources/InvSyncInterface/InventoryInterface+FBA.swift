/// io.invsync.Inventory's FBA methods (R25, R26, R29): parameters, replies and errors.
extension InventoryInterface {
    public struct MarkFulfillmentParameters: Codable, Sendable, Equatable {
        public var skus: [String]
        /// IDL field `channel`: the fulfilment channel to mark, not a sales channel.
        public var fulfillmentChannel: Fulfillment
        enum CodingKeys: String, CodingKey {
            case skus
            case fulfillmentChannel = "channel"
        }
        public init(skus: [String], fulfillmentChannel: Fulfillment) {
            self.skus = skus
            self.fulfillmentChannel = fulfillmentChannel
        }
    }

    public struct FBAAdjustment: Codable, Sendable, Equatable {
        public var sku: String
        public var warehouse: String
        public var delta: Int
        public init(sku: String, warehouse: String, delta: Int) {
            self.sku = sku
            self.warehouse = warehouse
            self.delta = delta
        }
    }

    public struct MarkFulfillmentReply: Codable, Sendable, Equatable {
        public var adjustments: [FBAAdjustment]
        public init(adjustments: [FBAAdjustment]) { self.adjustments = adjustments }
    }

    public struct CompareFBAStockParameters: Codable, Sendable, Equatable {
        public var sku: String?
        public var cached: Bool?
        public init(sku: String? = nil, cached: Bool? = nil) {
            self.sku = sku
            self.cached = cached
        }
    }

    public struct FBAComparison: Codable, Sendable, Equatable {
        public var sku: String
        public var channel: String
        public var warehouse: String
        public var local: Int
        public var amazon: Int?
        public var mismatch: Bool
        public init(sku: String, channel: String, warehouse: String, local: Int, amazon: Int?, mismatch: Bool) {
            self.sku = sku
            self.channel = channel
            self.warehouse = warehouse
            self.local = local
            self.amazon = amazon
            self.mismatch = mismatch
        }
    }

    public struct CompareFBAStockReply: Codable, Sendable, Equatable {
        public var rows: [FBAComparison]
        public init(rows: [FBAComparison]) { self.rows = rows }
    }

    public struct ListInboundShipmentsParameters: Codable, Sendable, Equatable {
        public var channel: String?
        public init(channel: String? = nil) { self.channel = channel }
    }

    public struct InboundShipment: Codable, Sendable, Equatable {
        public var channel: String
        public var inboundPlanId: String
        public var shipmentId: String
        public var sku: String
        public var status: String
        public var quantity: Int
        public var sourceWarehouse: String
        public var fbaWarehouse: String
        public var shipped: Bool
        public var received: Bool
        public var returned: Bool
        public var matched: Bool
        public var updatedAt: String
        public init(channel: String, inboundPlanId: String, shipmentId: String, sku: String, status: String, quantity: Int,
                    sourceWarehouse: String, fbaWarehouse: String, shipped: Bool, received: Bool, returned: Bool, matched: Bool,
                    updatedAt: String) {
            self.channel = channel
            self.inboundPlanId = inboundPlanId
            self.shipmentId = shipmentId
            self.sku = sku
            self.status = status
            self.quantity = quantity
            self.sourceWarehouse = sourceWarehouse
            self.fbaWarehouse = fbaWarehouse
            self.shipped = shipped
            self.received = received
            self.returned = returned
            self.matched = matched
            self.updatedAt = updatedAt
        }
    }

    public struct ListInboundShipmentsReply: Codable, Sendable, Equatable {
        public var shipments: [InboundShipment]
        public init(shipments: [InboundShipment]) { self.shipments = shipments }
    }

    /// Named errors of the FBA methods.
    public enum FBAErrorName {
        public static let noFBAWarehouse = "io.invsync.Inventory.NoFBAWarehouse"
        public static let fbaStockUnavailable = "io.invsync.Inventory.FBAStockUnavailable"
    }
}
