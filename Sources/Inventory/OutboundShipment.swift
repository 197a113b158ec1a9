import Foundation

/// A Multi-Channel Fulfilment order for the FBA lines of a local sales order, and what Amazon says of it (R28).
public struct OutboundShipment: Sendable, Hashable, Codable {
    public var order: LocalSalesOrder.ID
    public var channel: ChannelName
    /// Derived from the order, so a retry or a crash can never create a second MCF order.
    public var sellerFulfillmentOrderId: String
    /// The FBA warehouse the shipped units leave.
    public var warehouse: String
    public var request: OutboundShipmentRequest
    /// Amazon's `fulfillmentOrderStatus` as it spells it (Received, Planning, Processing, Complete, …).
    public var amazonStatus: String?
    public var statusUpdatedAt: Date?
    public var carrier: String?
    public var trackingNumber: String?
    /// Lines sent to Amazon (FBA) and lines the seller must ship (MFN).
    public var fbaLines: [LocalSalesOrderLine]
    public var sellerLines: [LocalSalesOrderLine]
    public var attempts: Int
    public var lastError: String?
    /// When the shipped units left the FBA warehouse; nil until Amazon ships.
    public var stockMovedAt: Date?

    public init(
        order: LocalSalesOrder.ID, channel: ChannelName, sellerFulfillmentOrderId: String, warehouse: String,
        request: OutboundShipmentRequest, amazonStatus: String?, statusUpdatedAt: Date?, carrier: String?,
        trackingNumber: String?, fbaLines: [LocalSalesOrderLine], sellerLines: [LocalSalesOrderLine], attempts: Int,
        lastError: String?, stockMovedAt: Date?
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
        self.stockMovedAt = stockMovedAt
    }

    /// The MCF id of a local order: `invsync-L<id>`, stable across retries and restarts.
    public static func sellerFulfillmentOrderId(for order: LocalSalesOrder.ID) -> String { "invsync-L\(order)" }
}
