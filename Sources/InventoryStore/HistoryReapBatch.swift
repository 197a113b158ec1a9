/// What one bounded retention batch (`reapExpiredHistory`) removed, and whether expired history is left.
public struct HistoryReapBatch: Sendable, Hashable {
    /// Expired tasks deleted whole, with their records.
    public var tasks: Int
    /// Task records deleted, whether with their task or ahead of it (a task too large for one batch).
    public var records: Int
    /// True when no expired finished task is left after this batch.
    public var finished: Bool

    public init(tasks: Int, records: Int, finished: Bool) {
        self.tasks = tasks
        self.records = records
        self.finished = finished
    }
}
