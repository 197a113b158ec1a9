/// One line of a local sales order: an item, a quantity, an optional price, and who ships it.
public struct LocalSalesOrderLine: Sendable, Hashable, Codable {
    /// 1, 2, … within the order; also the MCF `sellerFulfillmentOrderItemId`.
    public var lineNumber: Int
    public var sku: String
    public var quantity: Int
    public var unitPrice: Money?
    /// `fba` lines are shipped by Amazon through an outbound shipment (R28); `mfn` lines by the seller.
    public var fulfillment: Fulfillment

    public init(lineNumber: Int, sku: String, quantity: Int, unitPrice: Money?, fulfillment: Fulfillment) {
        self.lineNumber = lineNumber
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.fulfillment = fulfillment
    }
}
