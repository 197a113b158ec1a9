import Foundation

/// A sale the seller made outside Amazon (e.g. an offline sale, R28); holds no personal data in clear.
public struct LocalSalesOrder: Sendable, Hashable, Codable {
    public typealias ID = Int64
    /// Shown and accepted as `L<id>` so it never collides with the ids of Amazon orders.
    public var id: ID
    /// The seller's own customer record; kept out of logs all the same.
    public var customerName: String
    /// The warehouse the seller-shipped (MFN) lines leave.
    public var warehouse: String
    public var lines: [LocalSalesOrderLine]
    /// Whether a destination address is sealed in the vault (`present`), was shredded (`purged`), or never given.
    public var destination: PIIState
    public var createdAt: Date

    public init(
        id: ID, customerName: String, warehouse: String, lines: [LocalSalesOrderLine], destination: PIIState,
        createdAt: Date
    ) {
        self.id = id
        self.customerName = customerName
        self.warehouse = warehouse
        self.lines = lines
        self.destination = destination
        self.createdAt = createdAt
    }

    /// The order's public reference, `L<id>`.
    public var reference: String { Self.reference(id) }

    public static func reference(_ id: ID) -> String { "L\(id)" }

    /// The id in a reference `L<id>` (case-insensitive), or nil when `text` is not one.
    public static func id(fromReference text: String) -> ID? {
        guard let first = text.first, first == "L" || first == "l" else { return nil }
        return ID(text.dropFirst()).flatMap { $0 > 0 ? $0 : nil }
    }
}
