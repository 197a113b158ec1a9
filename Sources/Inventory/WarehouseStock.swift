/// The stock of one item in one warehouse.
///
/// `available` is the sum of the ledger: an admitted order takes its quantity out at once, so nothing is
/// sold twice. `committed` is what open, unshipped orders still hold inside the building, and
/// `onHand = available + committed` is what a stock count finds on the shelf.
public struct WarehouseStock: Sendable, Hashable, Codable {
    public var warehouse: String
    public var onHand: Int
    public var committed: Int
    public var available: Int

    public init(warehouse: String, onHand: Int, committed: Int, available: Int) {
        self.warehouse = warehouse
        self.onHand = onHand
        self.committed = committed
        self.available = available
    }
}
