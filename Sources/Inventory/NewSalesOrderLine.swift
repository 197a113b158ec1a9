/// A line as the seller enters it for a new local sales order.
public struct NewSalesOrderLine: Sendable, Hashable, Codable {
    public var sku: String
    public var quantity: Int
    public var unitPrice: Money?

    public init(sku: String, quantity: Int, unitPrice: Money? = nil) {
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
    }
}
