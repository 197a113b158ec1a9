/// What happened to one record within a sync task.
public enum RecordOutcome: String, Sendable, Hashable, CaseIterable, Codable {
    case synced, failed, skipped
}
