/// The state of a sales order, mapped from Amazon's fulfilment status (Orders API 2026-01-01 `FulfillmentStatus`).
public enum OrderStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case pendingAvailability, pending, unshipped, partiallyShipped, shipped, cancelled, unfulfillable

    /// Maps Amazon's wire value (`UNSHIPPED`, `PARTIALLY_SHIPPED`, …); nil for a value this build does not know.
    public init?(amazon: String) {
        switch amazon {
        case "PENDING_AVAILABILITY": self = .pendingAvailability
        case "PENDING": self = .pending
        case "UNSHIPPED": self = .unshipped
        case "PARTIALLY_SHIPPED": self = .partiallyShipped
        case "SHIPPED": self = .shipped
        case "CANCELLED", "CANCELED": self = .cancelled
        case "UNFULFILLABLE": self = .unfulfillable
        default: return nil
        }
    }

    /// Confirmed in the sense of R17: Amazon has the payment and the order waits for (more) shipping.
    public var isConfirmed: Bool { self == .unshipped || self == .partiallyShipped }

    /// Fulfilled in the sense of R17.
    public var isFulfilled: Bool { self == .shipped }

    /// Not yet confirmed by Amazon (R17: never brought in).
    public var isPending: Bool { self == .pending || self == .pendingAvailability }

    /// Void: the order will not ship.
    public var isVoid: Bool { self == .cancelled || self == .unfulfillable }

    /// Shipped or void: the order's fulfilment is over, which starts the PII clock (R31).
    public var isClosed: Bool { isFulfilled || isVoid }
}
