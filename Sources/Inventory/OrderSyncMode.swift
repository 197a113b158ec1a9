/// Which orders are synced, global for all channels (R17).
public enum OrderSyncMode: String, Sendable, Hashable, CaseIterable, Codable {
    case confirmed
    case confirmedAndFulfilled
}
