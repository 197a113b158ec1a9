import Foundation

/// A sales order as the seller's inventory holds it; carries no buyer PII (R30, R32).
public struct SalesOrder: Sendable, Hashable, Codable {
    public typealias ID = Int64
    public var id: ID
    public var channel: ChannelName
    public var amazonOrderId: String
    public var status: OrderStatus
    public var fulfillmentChannel: FulfillmentChannel
    /// The marketplace's default customer (R33), never the buyer's name.
    public var customerName: String
    /// AFN orders are fulfilled by Amazon and locked against edits (R27).
    public var forceFulfilled: Bool
    /// The warehouse that tracks the order's stock (R22, R23, R27).
    public var warehouse: String
    public var purchasedAt: Date
    /// Amazon's last-updated time of the order.
    public var lastUpdatedAt: Date
    /// When the order was last shipped or voided; the PII clock runs from here (R31).
    public var fulfilledAt: Date?
    /// The payment comment, `Paid` for Amazon orders (R20).
    public var comments: String
    public var lines: [SalesOrderLine]
    public var piiState: PIIState
    public var contactId: Contact.ID?

    public init(
        id: ID, channel: ChannelName, amazonOrderId: String, status: OrderStatus,
        fulfillmentChannel: FulfillmentChannel, customerName: String, forceFulfilled: Bool, warehouse: String,
        purchasedAt: Date, lastUpdatedAt: Date, fulfilledAt: Date?, comments: String, lines: [SalesOrderLine],
        piiState: PIIState, contactId: Contact.ID?
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
        self.contactId = contactId
    }

    /// The payment comment every Amazon order carries (R20).
    public static let paidComment = "Paid"
}
