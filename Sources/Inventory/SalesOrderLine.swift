/// One line of a sales order: an Amazon order item.
public struct SalesOrderLine: Sendable, Hashable, Codable {
    /// Amazon's `orderItemId`, unique within the order.
    public var lineId: String
    public var sku: String
    public var asin: String?
    public var quantity: Int
    public var quantityShipped: Int
    public var unitPrice: Money?

    public init(lineId: String, sku: String, asin: String?, quantity: Int, quantityShipped: Int, unitPrice: Money?) {
        self.lineId = lineId
        self.sku = sku
        self.asin = asin
        self.quantity = quantity
        self.quantityShipped = quantityShipped
        self.unitPrice = unitPrice
    }
}
