import Foundation

/// One append-only entry of the stock ledger: `delta` units of an item entered (+) or left (−) a warehouse.
public struct StockMovement: Sendable, Hashable, Codable {
    public typealias ID = Int64
    public var id: ID
    public var itemSku: String
    public var warehouse: String
    public var delta: Int
    public var kind: StockMovementKind
    /// What caused it, e.g. `amazon-us/114-1234567-1234567/53745892` for an order line.
    public var reference: String?
    public var at: Date
    public var reason: String?

    public init(
        id: ID, itemSku: String, warehouse: String, delta: Int, kind: StockMovementKind, reference: String?,
        at: Date, reason: String?
    ) {
        self.id = id
        self.itemSku = itemSku
        self.warehouse = warehouse
        self.delta = delta
        self.kind = kind
        self.reference = reference
        self.at = at
        self.reason = reason
    }
}
