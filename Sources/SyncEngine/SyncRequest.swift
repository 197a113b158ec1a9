import Foundation
import Inventory

/// What one sync run is asked to do: which channel and module, why, and over which timeframe.
public struct SyncRequest: Sendable, Hashable {
    public var channel: ChannelName
    public var module: SyncModule
    public var trigger: SyncTrigger
    /// A custom timeframe (R8); nil = the incremental window from the channel's cursor.
    public var timeframe: DateInterval?
    /// The task whose records a resync fetches again (R10).
    public var resyncOf: SyncTask.ID?

    public init(channel: ChannelName, module: SyncModule, trigger: SyncTrigger, timeframe: DateInterval? = nil,
                resyncOf: SyncTask.ID? = nil) {
        self.channel = channel
        self.module = module
        self.trigger = trigger
        self.timeframe = timeframe
        self.resyncOf = resyncOf
    }

    /// Two requests are the same work when they would fetch the same records.
    func sameWork(as other: SyncRequest) -> Bool {
        channel == other.channel && module == other.module && timeframe == other.timeframe && resyncOf == other.resyncOf
    }
}

/// How one sync run ended, as the history records it.
public struct SyncOutcome: Sendable, Hashable {
    public var task: SyncTask.ID?
    public var status: TaskStatus
    public var synced: Int
    public var failed: Int
    /// Why the run could not start or stopped early (channel error, Amazon refused, …).
    public var reason: String?

    public init(task: SyncTask.ID?, status: TaskStatus, synced: Int, failed: Int, reason: String? = nil) {
        self.task = task
        self.status = status
        self.synced = synced
        self.failed = failed
        self.reason = reason
    }
}
