/// The state of a sync task; only `running` has no end time.
public enum TaskStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case running, succeeded, failed, partial

    /// Status of a finished task from its counts: all ok → succeeded, none ok and some failed → failed,
    /// mixed → partial (an empty task succeeded).
    public static func finished(synced: Int, failed: Int) -> TaskStatus {
        if failed == 0 { return .succeeded }
        if synced == 0 { return .failed }
        return .partial
    }
}
