import Foundation

/// One line of one sales order as `ExportOrders` writes it: order and line facts only, no buyer data (R32).
public struct OrderExportRow: Sendable, Hashable {
    public var orderId: Int64
    public var channel: String
    public var amazonOrderId: String
    public var status: String
    public var fulfillmentChannel: String
    public var warehouse: String
    public var purchasedAt: Date
    public var lastUpdatedAt: Date
    public var fulfilledAt: Date?
    public var lineId: String
    public var sku: String
    public var asin: String?
    public var quantity: Int
    public var quantityShipped: Int
    public var unitPrice: String?
    public var currency: String?
}
