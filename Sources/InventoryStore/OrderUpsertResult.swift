import Inventory

/// What `upsertOrders` did with one incoming order.
public struct OrderUpsertResult: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        case created
        case updated
        /// The stored order is newer than the incoming one (an overlapping page); nothing changed.
        case unchanged
        /// Not admitted under R17; the reason is also recorded in the task.
        case skipped(reason: String)
    }

    public var amazonOrderId: String
    public var orderId: SalesOrder.ID?
    public var action: Action

    public init(amazonOrderId: String, orderId: SalesOrder.ID?, action: Action) {
        self.amazonOrderId = amazonOrderId
        self.orderId = orderId
        self.action = action
    }
}
