/// What a sync task synchronises.
public enum SyncModule: String, Sendable, Hashable, CaseIterable, Codable {
    case items, orders
}
