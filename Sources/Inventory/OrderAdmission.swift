/// Decides what an order sync does with one Amazon order (R17, R18).
public enum OrderAdmission: Sendable, Hashable {
    case create
    case update
    case skip(reason: String)

    /// - `confirmed` mode creates UNSHIPPED and PARTIALLY_SHIPPED orders; `confirmedAndFulfilled` also SHIPPED.
    /// - PENDING / PENDING_AVAILABILITY orders are never created (they come in once confirmed).
    /// - A cancelled (or unfulfillable) order never seen before is not created.
    /// - An order that exists is always updated (status, cancellation, shipment), never deleted (R18).
    public static func decide(mode: OrderSyncMode, status: OrderStatus, exists: Bool) -> OrderAdmission {
        if exists { return .update }
        switch status {
        case .unshipped, .partiallyShipped:
            return .create
        case .shipped:
            return mode == .confirmedAndFulfilled
                ? .create : .skip(reason: "shipped orders are not synced while the order sync mode is confirmed")
        case .pending, .pendingAvailability:
            return .skip(reason: "pending order: it is brought in once Amazon confirms it")
        case .cancelled, .unfulfillable:
            return .skip(reason: "void order never synced before: not created")
        }
    }
}
