import Foundation

/// An order as Amazon reports it (searchOrders with `includedData`), mapped at the SP-API edge.
public struct IncomingOrder: Sendable, Hashable {
    public var amazonOrderId: String
    public var status: OrderStatus
    public var fulfillmentChannel: FulfillmentChannel
    public var purchasedAt: Date
    public var lastUpdatedAt: Date
    public var lines: [IncomingOrderLine]
    /// Buyer and recipient data when Amazon included it; nil when it did not.
    public var buyer: BuyerPII?

    public init(
        amazonOrderId: String, status: OrderStatus, fulfillmentChannel: FulfillmentChannel, purchasedAt: Date,
        lastUpdatedAt: Date, lines: [IncomingOrderLine], buyer: BuyerPII? = nil
    ) {
        self.amazonOrderId = amazonOrderId
        self.status = status
        self.fulfillmentChannel = fulfillmentChannel
        self.purchasedAt = purchasedAt
        self.lastUpdatedAt = lastUpdatedAt
        self.lines = lines
        self.buyer = buyer
    }
}

/// One order item as Amazon reports it.
public struct IncomingOrderLine: Sendable, Hashable {
    public var lineId: String
    public var sku: String
    public var asin: String?
    public var title: String?
    public var quantity: Int
    public var quantityShipped: Int
    public var unitPrice: Money?

    public init(
        lineId: String, sku: String, asin: String? = nil, title: String? = nil, quantity: Int,
        quantityShipped: Int = 0, unitPrice: Money? = nil
    ) {
        self.lineId = lineId
        self.sku = sku
        self.asin = asin
        self.title = title
        self.quantity = quantity
        self.quantityShipped = quantityShipped
        self.unitPrice = unitPrice
    }
}
