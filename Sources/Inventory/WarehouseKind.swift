/// What a warehouse is: the seller's own (regular) or stock held at Amazon's fulfilment centres (fba) — R24.
public enum WarehouseKind: String, Sendable, Hashable, CaseIterable, Codable {
    case regular, fba
}
