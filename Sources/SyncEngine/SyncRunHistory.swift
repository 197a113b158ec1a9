import Foundation
import Inventory
import InventoryStore
import Synchronization

/// The history task of one coordinated sync run, known once its module has started it.
///
/// Start answers with the task of the run it started or joined. Other workers of the same channel and module (the retry
/// queue, the shipment confirmer) keep tasks of their own running beside it, so "a running orders task" is not
/// necessarily this run's: the run reports its own task here, and the control call waits for that.
public final class SyncRunHistory: Sendable {
    /// The run the current task belongs to; set by the coordinator around a run's work.
    @TaskLocal static var current: SyncRunHistory?

    private struct State {
        var task: SyncTask.ID?
        var taskEnded = false
        var ended = false
        var waiters: [CheckedContinuation<SyncTask.ID?, Never>] = []
    }

    private let state = Mutex(State())

    init() {}

    /// The run's task once started; nil when the run ended without one (refused before it began).
    public func startedTask() async -> SyncTask.ID? {
        await withCheckedContinuation { continuation in
            let answer = state.withLock { s -> SyncTask.ID?? in
                if let task = s.task { return .some(task) }
                if s.ended { return .some(nil) }
                s.waiters.append(continuation)
                return .none
            }
            if let answer { continuation.resume(returning: answer) }
        }
    }

    /// Records the run's task (the first one: a run has one).
    func started(_ task: SyncTask.ID) {
        let waiters = state.withLock { s -> [CheckedContinuation<SyncTask.ID?, Never>] in
            guard s.task == nil else { return [] }
            s.task = task
            defer { s.waiters = [] }
            return s.waiters
        }
        for waiter in waiters { waiter.resume(returning: task) }
    }

    /// Whether a request for the same work may join the run: not once its task has ended (the run is then only
    /// finishing its steps that keep no history, such as the FBA step of an items cycle), which would answer the
    /// request with a finished task whose work began before it.
    var acceptsJoiners: Bool { state.withLock { !$0.taskEnded && !$0.ended } }

    /// Records that the run's task has ended.
    func taskEnded() {
        state.withLock { $0.taskEnded = true }
    }

    /// The run's work returned: anyone still waiting learns there is no task.
    func ended() {
        let waiters = state.withLock { s -> [CheckedContinuation<SyncTask.ID?, Never>] in
            s.ended = true
            defer { s.waiters = [] }
            return s.waiters
        }
        for waiter in waiters { waiter.resume(returning: nil) }
    }
}

extension AppDatabase {
    /// Starts the history task of `request` and tells the coordinated run it belongs to (Start answers with it).
    public func startTask(for request: SyncRequest, now: Date) throws(StoreError) -> SyncTask.ID {
        let task = try startTask(channel: request.channel, module: request.module, trigger: request.trigger,
                                 timeframe: request.timeframe, resyncOf: request.resyncOf, now: now)
        SyncRunHistory.current?.started(task)
        return task
    }

    /// Ends the history task of a coordinated run; from then on the run takes no joiners.
    public func finishTask(ofRun task: SyncTask.ID, now: Date, aborted: Bool = false) throws(StoreError) -> TaskStatus {
        defer { SyncRunHistory.current?.taskEnded() }
        return try finishTask(task, now: now, aborted: aborted)
    }
}
