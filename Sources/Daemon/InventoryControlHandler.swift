import Foundation
import InvSyncInterface
import Inventory
import InventoryStore
import Logging
import SyncEngine
import Varlink

/// Serves `io.invsync.Inventory`'s reads and simple writes over the store: items, listings, warehouses, stock
/// adjustments and orders (never buyer PII, R32).
struct InventoryControlHandler: VarlinkInterfaceHandler {
    /// Orders returned when the caller gives no limit.
    static let defaultOrderLimit = 50
    /// Items returned when the caller gives no limit.
    static let defaultItemLimit = 100

    let interface: VarlinkInterface
    let database: AppDatabase
    let authorizer: ControlAuthorizer
    let logger: Logger
    /// The shipment workers to wake and ask Amazon through (R21, R28); nil where no engine runs.
    var shipping: ShipmentServices?
    /// Amazon's FBA stock for MarkFulfillment and CompareFBAStock (nil: those methods say no FBA warehouse).
    let fba: FBAStockSync?

    init(database: AppDatabase, authorizer: ControlAuthorizer, logger: Logger, fba: FBAStockSync? = nil) throws {
        self.interface = try VarlinkInterface(parsing: InvSyncIDL.inventory)
        self.database = database
        self.authorizer = authorizer
        self.logger = logger
        self.fba = fba
    }

    func handle(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws {
        try await authorizer.authorize(call)
        guard let method = InventoryInterface.Method(rawValue: call.method) else {
            throw VarlinkError.methodNotFound("\(call.interface).\(call.method)")
        }
        switch method {
        case .listItems:
            let p = try call.decode(InventoryInterface.ListItemsParameters.self)
            let fulfillment = try p.fulfillment.map { raw in
                guard let value = Fulfillment(rawValue: raw) else { throw VarlinkError.invalidParameter("fulfillment") }
                return value
            }
            let limit = try SyncControlHandler.limit(p.limit, default: Self.defaultItemLimit)
            let items = try await translate {
                try database.items(confirmed: p.confirmed, fulfillment: fulfillment, after: p.after, limit: limit)
            }
            try await replies.send(InventoryInterface.ListItemsReply(items: items.map(Self.wire)), continues: false)
        case .getItem:
            let p = try call.decode(InventoryInterface.GetItemParameters.self)
            let reply = try await translate { () throws -> InventoryInterface.GetItemReply in
                guard let item = try database.item(sku: p.sku) else { throw StoreError.noSuchItem(p.sku) }
                return InventoryInterface.GetItemReply(
                    item: Self.wire(item), stock: try database.stock(sku: p.sku).map(Self.wire),
                    listings: try database.listings(itemSku: p.sku).map(Self.wire))
            }
            try await replies.send(reply, continues: false)
        case .listUnconfirmed:
            let listings = try await translate { try database.unconfirmedListings() }
            try await replies.send(InventoryInterface.ListingsReply(listings: listings.map(Self.wire)), continues: false)
        case .confirm:
            let p = try call.decode(InventoryInterface.ListingParameters.self)
            let channel = try channelName(p.channel)
            try await translate { try database.confirmListing(channel: channel, sku: p.listing) }
            changed(call, "listing confirmed", ["channel": "\(channel)", "listing": "\(p.listing)"])
            try await replies.send(DaemonInterface.NoReply(), continues: false)
        case .link:
            let p = try call.decode(InventoryInterface.LinkParameters.self)
            let channel = try channelName(p.channel)
            try await translate { try database.linkListing(channel: channel, sku: p.listing, toItem: p.sku) }
            changed(call, "listing linked", ["channel": "\(channel)", "listing": "\(p.listing)", "sku": "\(p.sku)"])
            try await replies.send(DaemonInterface.NoReply(), continues: false)
        case .unlink:
            let p = try call.decode(InventoryInterface.ListingParameters.self)
            let channel = try channelName(p.channel)
            try await translate { try database.unlinkListing(channel: channel, sku: p.listing) }
            changed(call, "listing unlinked", ["channel": "\(channel)", "listing": "\(p.listing)"])
            try await replies.send(DaemonInterface.NoReply(), continues: false)
        case .listWarehouses:
            let warehouses = try await translate { try database.warehouses() }
            try await replies.send(
                InventoryInterface.ListWarehousesReply(warehouses: warehouses.map(Self.wire)), continues: false)
        case .addWarehouse:
            let p = try call.decode(InventoryInterface.AddWarehouseParameters.self)
            let name = p.name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= 100 else { throw VarlinkError.invalidParameter("name") }
            let warehouse = try await translate { try database.addWarehouse(name: name) }
            changed(call, "warehouse added", ["warehouse": "\(name)"])
            try await replies.send(InventoryInterface.AddWarehouseReply(warehouse: Self.wire(warehouse)), continues: false)
        case .adjustStock:
            let p = try call.decode(InventoryInterface.AdjustStockParameters.self)
            let change: StockChange
            switch (p.quantityDelta, p.newQuantity) {
            case (let delta?, nil): change = .delta(delta)
            case (nil, let quantity?): change = .newQuantity(quantity)
            // Exactly one of the two (R26): name the field that must go or come.
            case (.some, .some): throw VarlinkError.invalidParameter("newQuantity")
            case (nil, nil): throw VarlinkError.invalidParameter("quantityDelta")
            }
            guard !p.reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw VarlinkError.invalidParameter("reason") }
            let (movement, stock) = try await translate {
                let movement = try database.adjustStock(sku: p.sku, warehouse: p.warehouse, change: change, reason: p.reason)
                return (movement, try database.stock(sku: p.sku))
            }
            changed(call, "stock adjusted", ["sku": "\(p.sku)", "warehouse": "\(p.warehouse)", "delta": "\(movement?.delta ?? 0)"])
            try await replies.send(
                InventoryInterface.AdjustStockReply(delta: movement?.delta ?? 0, stock: stock.map(Self.wire)), continues: false)
        case .listOrders:
            let p = try call.decode(InventoryInterface.ListOrdersParameters.self)
            let channel = try p.channel.map(channelName)
            let status = try p.status.map { raw in
                guard let status = OrderStatus(rawValue: raw) else { throw VarlinkError.invalidParameter("status") }
                return status
            }
            let limit = try SyncControlHandler.limit(p.limit, default: Self.defaultOrderLimit)
            let orders = try await translate { try database.orders(channel: channel, status: status, limit: limit) }
            try await replies.send(InventoryInterface.ListOrdersReply(orders: orders.map(Self.wire)), continues: false)
        case .getOrder:
            let p = try call.decode(InventoryInterface.GetOrderParameters.self)
            let order = try await translate { () throws -> SalesOrder in
                // A number is the local id; anything else (or a number no order has) an Amazon order id.
                if let id = Int64(p.id), let order = try database.order(id: id) { return order }
                guard let order = try database.order(amazonOrderId: p.id) else { throw StoreError.noSuchOrder(p.id) }
                return order
            }
            try await replies.send(InventoryInterface.GetOrderReply(order: Self.wire(order)), continues: false)
        case .cloneOrder: try await cloneOrder(call, replies: replies)
        case .exportOrders: try await exportOrders(call, replies: replies)
        // ship
        case .createShipment: try await createShipment(call, replies: replies)
        case .createSalesOrder: try await createSalesOrder(call, replies: replies)
        case .createOutboundShipment: try await createOutboundShipment(call, replies: replies)
        case .refreshOutboundShipment: try await refreshOutboundShipment(call, replies: replies)
        // fba
        case .markFulfillment: try await markFulfillment(call, replies: replies)
        case .compareFBAStock: try await compareFBAStock(call, replies: replies)
        case .listInboundShipments: try await listInboundShipments(call, replies: replies)
        }
    }

    func translate<T>(_ body: () async throws -> T) async throws -> T {
        try await ControlErrors.translate(naming: Self.named, body)
    }

    func channelName(_ name: String) throws -> ChannelName {
        guard let channel = try? ChannelName(name), (try? database.channel(named: channel)) != nil else {
            throw VarlinkError(InventoryInterface.ErrorName.noSuchChannel, parameters: ["channel": .string(name)])
        }
        return channel
    }

    func changed(_ call: VarlinkCall, _ message: Logger.Message, _ metadata: Logger.Metadata) {
        logger.notice(message, metadata: metadata.merging(["uid": "\(call.peer.uid)"]) { $1 })
    }

    static func named(_ error: StoreError) -> VarlinkError? {
        switch error {
        case .noSuchItem(let sku):
            VarlinkError(InventoryInterface.ErrorName.noSuchItem, parameters: ["sku": .string(sku)])
        case .noSuchListing(let channel, let sku):
            VarlinkError(InventoryInterface.ErrorName.noSuchListing, parameters: ["channel": .string(channel), "listing": .string(sku)])
        case .noSuchWarehouse(let name):
            VarlinkError(InventoryInterface.ErrorName.noSuchWarehouse, parameters: ["warehouse": .string(name)])
        case .noSuchOrder(let id):
            VarlinkError(InventoryInterface.ErrorName.noSuchOrder, parameters: ["id": .string(id)])
        case .noSuchChannel(let name):
            VarlinkError(InventoryInterface.ErrorName.noSuchChannel, parameters: ["channel": .string(name)])
        case .warehouseExists(let name):
            VarlinkError(InventoryInterface.ErrorName.warehouseExists, parameters: ["warehouse": .string(name)])
        case .invalidQuantity(let reason):
            VarlinkError(InventoryInterface.ErrorName.invalidQuantity, parameters: ["reason": .string(reason)])
        default: nil
        }
    }

    static func wire(_ item: Item) -> InventoryInterface.Item {
        InventoryInterface.Item(
            sku: item.sku, name: item.name, confirmed: item.confirmed,
            fulfillment: item.fulfillment == .fba ? .fba : .mfn)
    }

    static func wire(_ stock: WarehouseStock) -> InventoryInterface.WarehouseStock {
        InventoryInterface.WarehouseStock(
            warehouse: stock.warehouse, onHand: stock.onHand, committed: stock.committed, available: stock.available)
    }

    static func wire(_ listing: Listing) -> InventoryInterface.Listing {
        InventoryInterface.Listing(
            channel: listing.channel.rawValue, sku: listing.sku, asin: listing.asin,
            fulfillment: listing.fulfillment == .fba ? .fba : .mfn, itemSku: listing.itemSku,
            pushedQuantity: listing.pushedQuantity, amazonQuantity: listing.amazonQuantity, confirmed: listing.confirmed)
    }

    static func wire(_ warehouse: Warehouse) -> InventoryInterface.Warehouse {
        InventoryInterface.Warehouse(name: warehouse.name, isPrimary: warehouse.isPrimary, kind: warehouse.kind.rawValue)
    }

    /// The order without PII: `customerName` is the order's display name, never the buyer's (R32).
    static func wire(_ order: SalesOrder) -> InventoryInterface.SalesOrder {
        InventoryInterface.SalesOrder(
            id: order.id, channel: order.channel.rawValue, amazonOrderId: order.amazonOrderId,
            status: order.status.rawValue, fulfillmentChannel: order.fulfillmentChannel.rawValue,
            customerName: order.customerName, forceFulfilled: order.forceFulfilled, warehouse: order.warehouse,
            purchasedAt: Timestamp.rfc3339(order.purchasedAt), lastUpdatedAt: Timestamp.rfc3339(order.lastUpdatedAt),
            fulfilledAt: order.fulfilledAt.map(Timestamp.rfc3339), comments: order.comments,
            lines: order.lines.map {
                InventoryInterface.OrderLine(
                    lineId: $0.lineId, sku: $0.sku, asin: $0.asin, quantity: $0.quantity,
                    quantityShipped: $0.quantityShipped, unitPrice: $0.unitPrice?.amount, currency: $0.unitPrice?.currency)
            },
            piiState: InventoryInterface.PIIState(rawValue: order.piiState.rawValue) ?? .none)
    }
}
