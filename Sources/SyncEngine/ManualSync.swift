import Foundation
import Inventory
import InventoryStore

/// Starts the syncs an operator asks for: manual and timeframe syncs (R7, R8) on the channels the rules allow,
/// and resyncs of a task's records (R10), all through the coordinator so they never run twice at once.
public struct ManualSync: Sendable {
    /// Why a request was refused.
    public enum Refusal: Error, Equatable, Sendable {
        case noSuchChannel(String)
        /// Disabled (R4) or failed its prerequisites (R2); `reason` says which and how to fix it.
        case channelNotActive(channel: String, reason: String)
        case noSuchTask(SyncTask.ID)
        case store(String)
    }

    /// One started (or joined) run.
    public struct Started: Sendable {
        public var channel: ChannelName
        public var module: SyncModule
        public var run: SyncCoordinator.Run
    }

    private let database: AppDatabase
    private let coordinator: SyncCoordinator

    public init(database: AppDatabase, coordinator: SyncCoordinator) {
        self.database = database
        self.coordinator = coordinator
    }

    /// Starts `module` on `channel`, or on every enabled and active channel when nil (R7); `timeframe` fetches that
    /// period instead of the increment (R8).
    public func start(module: SyncModule, channel: ChannelName?, timeframe: DateInterval?) async throws(Refusal) -> [Started] {
        let all: [(Channel, ChannelSettings)]
        do { all = try database.channels() } catch { throw .store("\(error)") }
        var chosen: [Channel] = []
        if let channel {
            guard let (declared, settings) = all.first(where: { $0.0.name == channel }) else { throw .noSuchChannel(channel.rawValue) }
            if let refusal = Self.refusal(declared, settings) { throw refusal }
            chosen = [declared]
        } else {
            chosen = all.filter { Self.refusal($0.0, $0.1) == nil }.map(\.0)
            if chosen.isEmpty {
                throw .channelNotActive(channel: "*", reason: "no channel is enabled and active; see invsyncctl status")
            }
        }
        var started: [Started] = []
        for declared in chosen {
            let request = SyncRequest(channel: declared.name, module: module, trigger: timeframe == nil ? .manual : .timeframe,
                                      timeframe: timeframe)
            started.append(Started(channel: declared.name, module: module, run: await coordinator.submit(request)))
        }
        return started
    }

    /// Fetches the records of task `id` again (R10) and waits for the new task to end.
    public func resync(task id: SyncTask.ID) async throws(Refusal) -> SyncOutcome {
        let found: (SyncTask, [TaskRecord])?
        do { found = try database.task(id: id) } catch { throw .store("\(error)") }
        guard let (task, _) = found else { throw .noSuchTask(id) }
        let settings: ChannelSettings?
        do { settings = try database.channel(named: task.channel)?.1 } catch { throw .store("\(error)") }
        guard let settings else { throw .noSuchChannel(task.channel.rawValue) }
        if !settings.enabled { throw .channelNotActive(channel: task.channel.rawValue, reason: "the channel is disabled; enable it with invsyncctl channel enable \(task.channel)") }
        return await coordinator.run(SyncRequest(channel: task.channel, module: task.module, trigger: .resync, resyncOf: id))
    }

    private static func refusal(_ channel: Channel, _ settings: ChannelSettings) -> Refusal? {
        if !settings.enabled {
            return .channelNotActive(channel: channel.name.rawValue, reason: "the channel is disabled; enable it with invsyncctl channel enable \(channel.name)")
        }
        if settings.state == .inactive {
            return .channelNotActive(channel: channel.name.rawValue, reason: settings.inactiveReason ?? "its prerequisites are not met (R2)")
        }
        return nil
    }
}
