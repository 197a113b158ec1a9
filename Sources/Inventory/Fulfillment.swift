/// Who ships an item or listing: the seller (MFN) or Amazon (FBA) — R25.
public enum Fulfillment: String, Sendable, Hashable, CaseIterable, Codable {
    case mfn, fba
}
