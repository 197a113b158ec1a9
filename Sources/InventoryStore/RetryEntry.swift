import Foundation
import Inventory

/// One record waiting in the persistent retry queue (R11).
public struct RetryEntry: Sendable, Hashable {
    public typealias ID = Int64
    public var id: ID
    public var channel: ChannelName
    public var module: SyncModule
    public var kind: String
    public var recordId: String
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    public var createdAt: Date
    public var task: SyncTask.ID?

    public init(
        id: ID, channel: ChannelName, module: SyncModule, kind: String, recordId: String, attempts: Int,
        nextAttemptAt: Date, lastError: String?, createdAt: Date, task: SyncTask.ID?
    ) {
        self.id = id
        self.channel = channel
        self.module = module
        self.kind = kind
        self.recordId = recordId
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.task = task
    }
}
