import Foundation
import Inventory

/// Runs at most one sync per channel and module at a time: a request for the same work joins the running one while
/// that run's history task is still running (after it, the run only finishes steps that keep no history, and a request
/// made then waits and gets a run of its own, which sees what changed meanwhile).
///
/// A request for different work of the same channel and module (another timeframe, a resync) waits for the
/// running one to end and then runs, so two writers never advance one cursor at once.
public actor SyncCoordinator {
    /// Performs one sync run; supplied by the engine (order sync, item sync).
    public typealias Work = @Sendable (SyncRequest) async -> SyncOutcome

    private struct Key: Hashable {
        var channel: ChannelName
        var module: SyncModule
    }

    private struct Running {
        var request: SyncRequest
        var task: Task<SyncOutcome, Never>
        var history: SyncRunHistory
    }

    /// One run as a caller sees it: its outcome, its history task, whether the caller joined it.
    public struct Run: Sendable {
        public var outcome: Task<SyncOutcome, Never>
        public var history: SyncRunHistory
        public var joined: Bool
    }

    private let work: Work
    private var running: [Key: Running] = [:]
    /// Runs started (not joined) so far, for status and tests.
    public private(set) var started = 0

    public init(work: @escaping Work) {
        self.work = work
    }

    /// Starts `request` or joins the identical run in progress; returns the run and whether it was joined.
    public func submit(_ request: SyncRequest) async -> Run {
        let key = Key(channel: request.channel, module: request.module)
        while let current = running[key] {
            if current.request.sameWork(as: request), current.history.acceptsJoiners {
                return Run(outcome: current.task, history: current.history, joined: true)
            }
            _ = await current.task.value
            if running[key]?.task == current.task { running[key] = nil }
        }
        let work = self.work
        let history = SyncRunHistory()
        let task = Task {
            defer { history.ended() }
            return await SyncRunHistory.$current.withValue(history) { await work(request) }
        }
        running[key] = Running(request: request, task: task, history: history)
        started += 1
        Task { await self.finished(key, task) }
        return Run(outcome: task, history: history, joined: false)
    }

    /// Runs `request` (or joins the identical run) and waits for its outcome. Cancelling the caller cancels the run:
    /// the scheduler and the retry queue are cancelled only at a stop, and a run waiting out Amazon's rate limit must not
    /// hold the stop for minutes (it ends failed at its last stored page, and the next start resumes from there).
    public func run(_ request: SyncRequest) async -> SyncOutcome {
        let run = await submit(request).outcome
        return await withTaskCancellationHandler { await run.value } onCancel: { run.cancel() }
    }

    /// At a stop: cancels every run in progress (manual ones included, which no service owns) and waits for them to
    /// end, so none writes after the database closes.
    public func stopAll() async {
        let runs = running.values.map(\.task)
        for run in runs { run.cancel() }
        for run in runs { _ = await run.value }
    }

    /// Whether a run of this channel and module is in progress.
    /// Whether any run is in progress (the daemon gives memory back only when none is).
    public var isBusy: Bool { !running.isEmpty }

    public func isRunning(channel: ChannelName, module: SyncModule) -> Bool {
        running[Key(channel: channel, module: module)] != nil
    }

    private func finished(_ key: Key, _ task: Task<SyncOutcome, Never>) async {
        _ = await task.value
        // Only forget the run if a newer one has not replaced it meanwhile.
        if running[key]?.task == task { running[key] = nil }
    }
}
