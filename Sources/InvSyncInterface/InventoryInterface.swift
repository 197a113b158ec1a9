/// Parameter and reply types of `io.invsync.Inventory`'s read and simple-write methods, matching its IDL.
public enum InventoryInterface {
    public static let name = "io.invsync.Inventory"

    /// Method names of the interface.
    public enum Method: String, Sendable, CaseIterable {
        case listItems = "ListItems"
        case getItem = "GetItem"
        case listUnconfirmed = "ListUnconfirmed"
        case confirm = "Confirm"
        case link = "Link"
        case unlink = "Unlink"
        case listWarehouses = "ListWarehouses"
        case addWarehouse = "AddWarehouse"
        case adjustStock = "AdjustStock"
        case listOrders = "ListOrders"
        case getOrder = "GetOrder"
        // privacy
        case cloneOrder = "CloneOrder"
        case exportOrders = "ExportOrders"
        // ship
        case createShipment = "CreateShipment"
        case createSalesOrder = "CreateSalesOrder"
        case createOutboundShipment = "CreateOutboundShipment"
        case refreshOutboundShipment = "RefreshOutboundShipment"
        // fba
        case markFulfillment = "MarkFulfillment"
        case compareFBAStock = "CompareFBAStock"
        case listInboundShipments = "ListInboundShipments"

        /// The fully qualified name a client calls.
        public var qualified: String { "\(InventoryInterface.name).\(rawValue)" }
    }

    /// Named errors of the interface.
    public enum ErrorName {
        public static let noSuchItem = "io.invsync.Inventory.NoSuchItem"
        public static let noSuchListing = "io.invsync.Inventory.NoSuchListing"
        public static let noSuchWarehouse = "io.invsync.Inventory.NoSuchWarehouse"
        public static let noSuchOrder = "io.invsync.Inventory.NoSuchOrder"
        public static let noSuchChannel = "io.invsync.Inventory.NoSuchChannel"
        public static let warehouseExists = "io.invsync.Inventory.WarehouseExists"
        public static let invalidQuantity = "io.invsync.Inventory.InvalidQuantity"
        // privacy
        public static let exportTooLarge = "io.invsync.Inventory.ExportTooLarge"
    }

    public enum Fulfillment: String, Codable, Sendable, CaseIterable {
        case fba, mfn
    }

    public enum PIIState: String, Codable, Sendable, CaseIterable {
        case present, purged, none
    }

    public struct Item: Codable, Sendable, Equatable {
        public var sku: String
        public var name: String
        public var confirmed: Bool
        public var fulfillment: Fulfillment
        public init(sku: String, name: String, confirmed: Bool, fulfillment: Fulfillment) {
            self.sku = sku
            self.name = name
            self.confirmed = confirmed
            self.fulfillment = fulfillment
        }
    }

    public struct WarehouseStock: Codable, Sendable, Equatable {
        public var warehouse: String
        public var onHand: Int
        public var committed: Int
        public var available: Int
        public init(warehouse: String, onHand: Int, committed: Int, available: Int) {
            self.warehouse = warehouse
            self.onHand = onHand
            self.committed = committed
            self.available = available
        }
    }

    public struct Listing: Codable, Sendable, Equatable {
        public var channel: String
        public var sku: String
        public var asin: String?
        public var fulfillment: Fulfillment
        public var itemSku: String?
        public var pushedQuantity: Int?
        public var amazonQuantity: Int?
        public var confirmed: Bool
        public init(
            channel: String, sku: String, asin: String?, fulfillment: Fulfillment, itemSku: String?,
            pushedQuantity: Int?, amazonQuantity: Int?, confirmed: Bool
        ) {
            self.channel = channel
            self.sku = sku
            self.asin = asin
            self.fulfillment = fulfillment
            self.itemSku = itemSku
            self.pushedQuantity = pushedQuantity
            self.amazonQuantity = amazonQuantity
            self.confirmed = confirmed
        }
    }

    public struct Warehouse: Codable, Sendable, Equatable {
        public var name: String
        public var isPrimary: Bool
        public var kind: String
        public init(name: String, isPrimary: Bool, kind: String) {
            self.name = name
            self.isPrimary = isPrimary
            self.kind = kind
        }
    }

    public struct OrderLine: Codable, Sendable, Equatable {
        public var lineId: String
        public var sku: String
        public var asin: String?
        public var quantity: Int
        public var quantityShipped: Int
        public var unitPrice: String?
        public var currency: String?
        public init(
            lineId: String, sku: String, asin: String?, quantity: Int, quantityShipped: Int, unitPrice: String?,
            currency: String?
        ) {
            self.lineId = lineId
            self.sku = sku
            self.asin = asin
            self.quantity = quantity
            self.quantityShipped = quantityShipped
            self.unitPrice = unitPrice
            self.currency = currency
        }
    }

    /// A sales order without buyer PII (R32): only `piiState` says whether PII is held.
    public struct SalesOrder: Codable, Sendable, Equatable {
        public var id: Int64
        public var channel: String
        public var amazonOrderId: String
        public var status: String
        public var fulfillmentChannel: String
        public var customerName: String
        public var forceFulfilled: Bool
        public var warehouse: String
        public var purchasedAt: String
        public var lastUpdatedAt: String
        public var fulfilledAt: String?
        public var comments: String
        public var lines: [OrderLine]
        public var piiState: PIIState
        public init(
            id: Int64, channel: String, amazonOrderId: String, status: String, fulfillmentChannel: String,
            customerName: String, forceFulfilled: Bool, warehouse: String, purchasedAt: String, lastUpdatedAt: String,
            fulfilledAt: String?, comments: String, lines: [OrderLine], piiState: PIIState
        ) {
            self.id = id
            self.channel = channel
            self.amazonOrderId = amazonOrderId
            self.status = status
            self.fulfillmentChannel = fulfillmentChannel
            self.customerName = customerName
            self.forceFulfilled = forceFulfilled
            self.warehouse = warehouse
            self.purchasedAt = purchasedAt
            self.lastUpdatedAt = lastUpdatedAt
            self.fulfilledAt = fulfilledAt
            self.comments = comments
            self.lines = lines
            self.piiState = piiState
        }
    }

    public struct ListItemsParameters: Codable, Sendable, Equatable {
        public var confirmed: Bool?
        public var fulfillment: String?
        public var after: String?
        public var limit: Int?
        public init(confirmed: Bool? = nil, fulfillment: String? = nil, after: String? = nil, limit: Int? = nil) {
            self.confirmed = confirmed
            self.fulfillment = fulfillment
            self.after = after
            self.limit = limit
        }
    }

    public struct ListItemsReply: Codable, Sendable, Equatable {
        public var items: [Item]
        public init(items: [Item]) { self.items = items }
    }

    public struct GetItemParameters: Codable, Sendable, Equatable {
        public var sku: String
        public init(sku: String) { self.sku = sku }
    }

    public struct GetItemReply: Codable, Sendable, Equatable {
        public var item: Item
        public var stock: [WarehouseStock]
        public var listings: [Listing]
        public init(item: Item, stock: [WarehouseStock], listings: [Listing]) {
            self.item = item
            self.stock = stock
            self.listings = listings
        }
    }

    public struct ListingsReply: Codable, Sendable, Equatable {
        public var listings: [Listing]
        public init(listings: [Listing]) { self.listings = listings }
    }

    /// Parameters of `Confirm` and `Unlink`: a listing is its channel and seller SKU.
    public struct ListingParameters: Codable, Sendable, Equatable {
        public var channel: String
        public var listing: String
        public init(channel: String, listing: String) {
            self.channel = channel
            self.listing = listing
        }
    }

    public struct LinkParameters: Codable, Sendable, Equatable {
        public var channel: String
        public var listing: String
        public var sku: String
        public init(channel: String, listing: String, sku: String) {
            self.channel = channel
            self.listing = listing
            self.sku = sku
        }
    }

    public struct ListWarehousesReply: Codable, Sendable, Equatable {
        public var warehouses: [Warehouse]
        public init(warehouses: [Warehouse]) { self.warehouses = warehouses }
    }

    public struct AddWarehouseParameters: Codable, Sendable, Equatable {
        public var name: String
        public init(name: String) { self.name = name }
    }

    public struct AddWarehouseReply: Codable, Sendable, Equatable {
        public var warehouse: Warehouse
        public init(warehouse: Warehouse) { self.warehouse = warehouse }
    }

    public struct AdjustStockParameters: Codable, Sendable, Equatable {
        public var sku: String
        public var warehouse: String
        public var quantityDelta: Int?
        public var newQuantity: Int?
        public var reason: String
        public init(sku: String, warehouse: String, quantityDelta: Int? = nil, newQuantity: Int? = nil, reason: String) {
            self.sku = sku
            self.warehouse = warehouse
            self.quantityDelta = quantityDelta
            self.newQuantity = newQuantity
            self.reason = reason
        }
    }

    public struct AdjustStockReply: Codable, Sendable, Equatable {
        public var delta: Int
        public var stock: [WarehouseStock]
        public init(delta: Int, stock: [WarehouseStock]) {
            self.delta = delta
            self.stock = stock
        }
    }

    public struct ListOrdersParameters: Codable, Sendable, Equatable {
        public var channel: String?
        public var status: String?
        public var limit: Int?
        public init(channel: String? = nil, status: String? = nil, limit: Int? = nil) {
            self.channel = channel
            self.status = status
            self.limit = limit
        }
    }

    public struct ListOrdersReply: Codable, Sendable, Equatable {
        public var orders: [SalesOrder]
        public init(orders: [SalesOrder]) { self.orders = orders }
    }

    public struct GetOrderParameters: Codable, Sendable, Equatable {
        public var id: String
        public init(id: String) { self.id = id }
    }

    public struct GetOrderReply: Codable, Sendable, Equatable {
        public var order: SalesOrder
        public init(order: SalesOrder) { self.order = order }
    }
}
