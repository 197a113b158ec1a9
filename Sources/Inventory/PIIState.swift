/// Whether an order's buyer data is held in the vault (R30), was crypto-shredded (R31), or never existed (R34).
public enum PIIState: String, Sendable, Hashable, CaseIterable, Codable {
    case present, purged, none
}
