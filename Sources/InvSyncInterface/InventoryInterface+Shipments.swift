/// Codable types of the shipment methods of `io.invsync.Inventory` (R21, R28): CreateShipment, CreateSalesOrder,
/// CreateOutboundShipment, RefreshOutboundShipment.
extension InventoryInterface.ErrorName {
    public static let notShippable = "io.invsync.Inventory.NotShippable"
    public static let noFBALines = "io.invsync.Inventory.NoFBALines"
    public static let noDestination = "io.invsync.Inventory.NoDestination"
    public static let noFBAChannel = "io.invsync.Inventory.NoFBAChannel"
    public static let noOutboundShipment = "io.invsync.Inventory.NoOutboundShipment"
    public static let invalidSalesOrder = "io.invsync.Inventory.InvalidSalesOrder"
    public static let amazonFailed = "io.invsync.Inventory.AmazonFailed"
}

extension InventoryInterface {
    public struct ShipmentLine: Codable, Sendable, Equatable {
        public var lineId: String
        public var quantity: Int
        public init(lineId: String, quantity: Int) {
            self.lineId = lineId
            self.quantity = quantity
        }
    }

    public enum ShipmentConfirmation: String, Codable, Sendable, CaseIterable {
        case pending, confirmed, failed
    }

    public struct Shipment: Codable, Sendable, Equatable {
        public var id: Int64
        public var orderId: Int64
        public var amazonOrderId: String
        public var channel: String
        public var packageReference: Int
        public var carrier: String
        public var trackingNumber: String
        public var shippedAt: String
        public var lines: [ShipmentLine]
        public var confirmation: ShipmentConfirmation
        public var attempts: Int
        public var nextAttemptAt: String?
        public var lastError: String?
        public var confirmedAt: String?

        public init(
            id: Int64, orderId: Int64, amazonOrderId: String, channel: String, packageReference: Int, carrier: String,
            trackingNumber: String, shippedAt: String, lines: [ShipmentLine], confirmation: ShipmentConfirmation,
            attempts: Int, nextAttemptAt: String?, lastError: String?, confirmedAt: String?
        ) {
            self.id = id
            self.orderId = orderId
            self.amazonOrderId = amazonOrderId
            self.channel = channel
            self.packageReference = packageReference
            self.carrier = carrier
            self.trackingNumber = trackingNumber
            self.shippedAt = shippedAt
            self.lines = lines
            self.confirmation = confirmation
            self.attempts = attempts
            self.nextAttemptAt = nextAttemptAt
            self.lastError = lastError
            self.confirmedAt = confirmedAt
        }
    }

    public struct CreateShipmentParameters: Codable, Sendable, Equatable {
        public var order: String
        public var carrier: String
        public var trackingNumber: String
        public var lines: [ShipmentLine]?
        public init(order: String, carrier: String, trackingNumber: String, lines: [ShipmentLine]?) {
            self.order = order
            self.carrier = carrier
            self.trackingNumber = trackingNumber
            self.lines = lines
        }
    }

    public struct CreateShipmentReply: Codable, Sendable, Equatable {
        public var shipment: Shipment
        public init(shipment: Shipment) { self.shipment = shipment }
    }

    public struct NewSalesOrderLine: Codable, Sendable, Equatable {
        public var sku: String
        public var quantity: Int
        public var unitPrice: String?
        public var currency: String?
        public init(sku: String, quantity: Int, unitPrice: String? = nil, currency: String? = nil) {
            self.sku = sku
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.currency = currency
        }
    }

    /// A shipping address: personal data, accepted but never returned.
    public struct Destination: Codable, Sendable, Equatable {
        public var name: String
        public var addressLines: [String]
        public var city: String?
        public var stateOrRegion: String?
        public var postalCode: String
        public var countryCode: String
        public var phone: String?
        public init(
            name: String, addressLines: [String], city: String? = nil, stateOrRegion: String? = nil, postalCode: String,
            countryCode: String, phone: String? = nil
        ) {
            self.name = name
            self.addressLines = addressLines
            self.city = city
            self.stateOrRegion = stateOrRegion
            self.postalCode = postalCode
            self.countryCode = countryCode
            self.phone = phone
        }
    }

    public struct CreateSalesOrderParameters: Codable, Sendable, Equatable {
        public var customerName: String
        public var lines: [NewSalesOrderLine]
        public var warehouse: String?
        public var destination: Destination?
        public init(customerName: String, lines: [NewSalesOrderLine], warehouse: String?, destination: Destination?) {
            self.customerName = customerName
            self.lines = lines
            self.warehouse = warehouse
            self.destination = destination
        }
    }

    public struct LocalOrderLine: Codable, Sendable, Equatable {
        public var lineNumber: Int
        public var sku: String
        public var quantity: Int
        public var unitPrice: String?
        public var currency: String?
        public var fulfillment: Fulfillment
        public init(lineNumber: Int, sku: String, quantity: Int, unitPrice: String?, currency: String?, fulfillment: Fulfillment) {
            self.lineNumber = lineNumber
            self.sku = sku
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.currency = currency
            self.fulfillment = fulfillment
        }
    }

    public struct LocalSalesOrder: Codable, Sendable, Equatable {
        public var id: String
        public var customerName: String
        public var warehouse: String
        public var lines: [LocalOrderLine]
        public var destination: PIIState
        public var createdAt: String
        public init(id: String, customerName: String, warehouse: String, lines: [LocalOrderLine], destination: PIIState, createdAt: String) {
            self.id = id
            self.customerName = customerName
            self.warehouse = warehouse
            self.lines = lines
            self.destination = destination
            self.createdAt = createdAt
        }
    }

    public struct CreateSalesOrderReply: Codable, Sendable, Equatable {
        public var order: LocalSalesOrder
        public init(order: LocalSalesOrder) { self.order = order }
    }

    public enum OutboundRequest: String, Codable, Sendable, CaseIterable {
        case requested, accepted, refused
    }

    public struct OutboundShipment: Codable, Sendable, Equatable {
        public var order: String
        public var channel: String
        public var sellerFulfillmentOrderId: String
        public var warehouse: String
        public var request: OutboundRequest
        public var amazonStatus: String?
        public var statusUpdatedAt: String?
        public var carrier: String?
        public var trackingNumber: String?
        public var fbaLines: [LocalOrderLine]
        public var sellerLines: [LocalOrderLine]
        public var attempts: Int
        public var lastError: String?
        public var shippedAt: String?
        public init(
            order: String, channel: String, sellerFulfillmentOrderId: String, warehouse: String, request: OutboundRequest,
            amazonStatus: String?, statusUpdatedAt: String?, carrier: String?, trackingNumber: String?,
            fbaLines: [LocalOrderLine], sellerLines: [LocalOrderLine], attempts: Int, lastError: String?, shippedAt: String?
        ) {
            self.order = order
            self.channel = channel
            self.sellerFulfillmentOrderId = sellerFulfillmentOrderId
            self.warehouse = warehouse
            self.request = request
            self.amazonStatus = amazonStatus
            self.statusUpdatedAt = statusUpdatedAt
            self.carrier = carrier
            self.trackingNumber = trackingNumber
            self.fbaLines = fbaLines
            self.sellerLines = sellerLines
            self.attempts = attempts
            self.lastError = lastError
            self.shippedAt = shippedAt
        }
    }

    /// Parameters of CreateOutboundShipment and RefreshOutboundShipment.
    public struct OutboundShipmentParameters: Codable, Sendable, Equatable {
        public var order: String
        public init(order: String) { self.order = order }
    }

    public struct OutboundShipmentReply: Codable, Sendable, Equatable {
        public var shipment: OutboundShipment
        public init(shipment: OutboundShipment) { self.shipment = shipment }
    }
}
