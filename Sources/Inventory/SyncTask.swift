import Foundation

/// Which kind of data a sync task moves.
public enum SyncModule: String, Sendable, Hashable, CaseIterable, Codable {
    case items, orders
}

/// What started a sync task (R9).
public enum SyncTrigger: String, Sendable, Hashable, CaseIterable, Codable {
    case initial, scheduled, manual, timeframe, resync, retry
}

/// How a sync task ended (R9).
public enum TaskStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case running, succeeded, failed, partial

    /// The status of a finished task from its counts: all ok → succeeded, nothing ok but failures → failed, else partial.
    public static func finished(synced: Int, failed: Int) -> TaskStatus {
        if failed == 0 { return .succeeded }
        return synced == 0 ? .failed : .partial
    }
}

/// What happened to one record of a task (R9).
public enum RecordOutcome: String, Sendable, Hashable, CaseIterable, Codable {
    case synced, failed, skipped
}

/// One sync run in the history (R9).
public struct SyncTask: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var channel: ChannelName
    public var module: SyncModule
    public var trigger: SyncTrigger
    public var status: TaskStatus
    public var startedAt: Date
    public var endedAt: Date?
    public var synced: Int
    public var failed: Int

    public init(
        id: Int64, channel: ChannelName, module: SyncModule, trigger: SyncTrigger, status: TaskStatus,
        startedAt: Date, endedAt: Date?, synced: Int, failed: Int
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
    }
}

/// Per-record detail of a task (R9).
public struct TaskRecord: Sendable, Hashable {
    public var recordId: String
    public var kind: String
    public var outcome: RecordOutcome
    public var reason: String?

    public init(recordId: String, kind: String, outcome: RecordOutcome, reason: String?) {
        self.recordId = recordId
        self.kind = kind
        self.outcome = outcome
        self.reason = reason
    }
}

/// A record waiting in the persistent retry queue (R11).
public struct RetryEntry: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var channel: ChannelName
    public var module: SyncModule
    public var kind: String
    public var recordId: String
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String

    public init(
        id: Int64, channel: ChannelName, module: SyncModule, kind: String, recordId: String, attempts: Int,
        nextAttemptAt: Date, lastError: String
    ) {
        self.id = id
        self.channel = channel
        self.module = module
        self.kind = kind
        self.recordId = recordId
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
    }
}
