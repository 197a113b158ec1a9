import Foundation

/// An MFN order still to ship whose buyer data is neither in the vault nor asked of Amazon yet (issue 7, R30).
public struct OrderAwaitingBuyerData: Sendable, Hashable {
    public var amazonOrderId: String
    /// When the buyer ordered: the order the phase asks in, and the bounds of its searchOrders windows.
    public var purchasedAt: Date

    public init(amazonOrderId: String, purchasedAt: Date) {
        self.amazonOrderId = amazonOrderId
        self.purchasedAt = purchasedAt
    }
}
