import Inventory

/// One sync module (orders, items): runs a whole request, or fetches named records again (resync R10, retry R11).
public protocol ModuleSync: Sendable {
    /// Runs one request to the end and records it as one task in the history (R9).
    func run(_ request: SyncRequest) async -> SyncOutcome
    /// Fetches the named records of one channel again (Amazon order ids, or SKUs) into `task`, returning each
    /// record's outcome; a record failing for a transient reason goes to the retry queue (R11).
    func refetch(channel: ChannelName, recordIds: [String], task: SyncTask.ID?) async -> [TaskRecord]
}
