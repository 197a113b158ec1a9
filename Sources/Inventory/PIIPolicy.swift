import Foundation

/// When an order's buyer data is deleted: 30 days after its fulfilment, void orders included, and a
/// refulfilment restarts the clock (R31).
public struct PIIPolicy: Sendable, Hashable {
    public var retention: TimeInterval

    public init(retentionDays: Int = 30) {
        self.retention = TimeInterval(retentionDays) * 86_400
    }

    public static let `default` = PIIPolicy()

    /// The fulfilment time after an update: set when the order becomes closed (shipped or void), kept while
    /// it stays closed, cleared when it is reopened — so the next closing restarts the clock.
    public func fulfilledAt(previousStatus: OrderStatus?, previousFulfilledAt: Date?, newStatus: OrderStatus, at: Date)
        -> Date?
    {
        guard newStatus.isClosed else { return nil }
        if let previousStatus, previousStatus.isClosed, let previousFulfilledAt { return previousFulfilledAt }
        return at
    }

    /// When the PII must be gone, or nil while the order is still open.
    public func purgeAfter(fulfilledAt: Date?) -> Date? {
        fulfilledAt.map { $0.addingTimeInterval(retention) }
    }

    /// Whether PII due at `purgeAfter` must be deleted at `now`.
    public func isDue(purgeAfter: Date?, now: Date) -> Bool {
        guard let purgeAfter else { return false }
        return purgeAfter <= now
    }
}
