import Foundation

/// One run of a sync module for one channel, as kept in the history.
public struct SyncTask: Sendable, Hashable, Identifiable, Codable {
    public typealias ID = Int64
    public var id: ID
    public var channel: ChannelName
    public var module: SyncModule
    public var trigger: SyncTrigger
    public var status: TaskStatus
    public var startedAt: Date
    public var endedAt: Date?
    public var synced: Int
    public var failed: Int
    public var timeframe: DateInterval?
    public var resyncOf: ID?

    public init(
        id: ID, channel: ChannelName, module: SyncModule, trigger: SyncTrigger, status: TaskStatus,
        startedAt: Date, endedAt: Date?, synced: Int, failed: Int, timeframe: DateInterval?, resyncOf: ID?
    ) {
        self.id = id
        self.channel = channel
        self.module = module
        self.trigger = trigger
        self.status = status
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.synced = synced
        self.failed = failed
        self.timeframe = timeframe
        self.resyncOf = resyncOf
    }
}
