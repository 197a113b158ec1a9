/// The outcome of one record (an item or order) within a sync task.
public struct TaskRecord: Sendable, Hashable, Codable {
    public var recordId: String
    /// What the record is, e.g. "order" or "listing".
    public var kind: String
    public var outcome: RecordOutcome
    public var reason: String?

    public init(recordId: String, kind: String, outcome: RecordOutcome, reason: String? = nil) {
        self.recordId = recordId
        self.kind = kind
        self.outcome = outcome
        self.reason = reason
    }
}
