/// A place that holds stock; exactly one warehouse is the organisation's primary one (R22).
public struct Warehouse: Sendable, Hashable, Codable {
    public var name: String
    public var isPrimary: Bool
    public var kind: WarehouseKind

    public init(name: String, isPrimary: Bool, kind: WarehouseKind) {
        self.name = name
        self.isPrimary = isPrimary
        self.kind = kind
    }
}
