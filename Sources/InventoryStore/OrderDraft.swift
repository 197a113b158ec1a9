import Foundation
import Inventory

/// A local sales-order draft cloned from an order (R32): no buyer data, no vault reference, not linked to Amazon,
/// and no stock taken (a draft books nothing in the ledger until someone turns it into a real order).
public struct OrderDraft: Sendable, Hashable {
    public typealias ID = Int64

    /// One line of a draft, numbered from 1 in the source order's line order.
    public struct Line: Sendable, Hashable {
        public var position: Int
        public var sku: String
        public var asin: String?
        public var quantity: Int
        public var unitPrice: Money?
    }

    public var id: ID
    /// The local order it was cloned from, while that order exists; never an Amazon reference.
    public var clonedFrom: SalesOrder.ID?
    /// The marketplace's default customer (R33), never the buyer.
    public var customerName: String
    /// The primary warehouse: a local order ships from the seller's own stock.
    public var warehouse: String
    public var comments: String
    public var createdAt: Date
    public var lines: [Line]
}
