import Foundation
import Inventory
import Synchronization
import SyncEngine
import Testing

/// Records the runs it is given and how many overlap, and holds each run until released.
final class GatedWork: Sendable {
    private struct State {
        var requests: [SyncRequest] = []
        var active = 0
        var maxActive = 0
        var gates: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    var requests: [SyncRequest] { state.withLock { $0.requests } }
    var maxActive: Int { state.withLock { $0.maxActive } }
    var waiting: Int { state.withLock { $0.gates.count } }

    func perform(_ request: SyncRequest) async -> SyncOutcome {
        state.withLock {
            $0.requests.append(request)
            $0.active += 1
            $0.maxActive = max($0.maxActive, $0.active)
        }
        await withCheckedContinuation { continuation in state.withLock { $0.gates.append(continuation) } }
        state.withLock { $0.active -= 1 }
        return SyncOutcome(task: Int64(state.withLock { $0.requests.count }), status: .succeeded, synced: 1, failed: 0)
    }

    func releaseAll() {
        let gates = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            defer { s.gates.removeAll() }
            return s.gates
        }
        for gate in gates { gate.resume() }
    }
}

@Suite struct SyncCoordinatorTests {
    let us = try! ChannelName("amazon-us")

    /// A second request for the same work joins the running one instead of starting a duplicate.
    @Test func identicalRequestsJoinTheRunningSync() async throws {
        let work = GatedWork()
        let coordinator = SyncCoordinator { await work.perform($0) }
        let request = SyncRequest(channel: us, module: .orders, trigger: .manual)
        let first = await coordinator.submit(request)
        let second = await coordinator.submit(SyncRequest(channel: us, module: .orders, trigger: .scheduled))
        #expect(first.joined == false)
        #expect(second.joined == true)
        #expect(await eventually { work.waiting == 1 })
        work.releaseAll()
        #expect(await first.outcome.value == second.outcome.value)
        #expect(first.history === second.history)
        #expect(work.requests.count == 1)
        #expect(await coordinator.started == 1)
        #expect(await eventually { await !coordinator.isRunning(channel: self.us, module: .orders) })
    }

    /// Different work on the same channel and module waits its turn; other modules and channels run alongside.
    @Test func differentWorkOnOneCursorRunsOneAfterTheOther() async throws {
        let work = GatedWork()
        let coordinator = SyncCoordinator { await work.perform($0) }
        let uk = try ChannelName("amazon-uk")
        let frame = DateInterval(start: Date(timeIntervalSince1970: 1_780_000_000), duration: 86400)
        _ = await coordinator.submit(SyncRequest(channel: us, module: .orders, trigger: .manual))
        _ = await coordinator.submit(SyncRequest(channel: us, module: .items, trigger: .manual))
        _ = await coordinator.submit(SyncRequest(channel: uk, module: .orders, trigger: .manual))
        #expect(await eventually { work.waiting == 3 })
        let timeframe = Task { await coordinator.run(SyncRequest(channel: us, module: .orders, trigger: .timeframe, timeframe: frame)) }
        try await Task.sleep(for: .milliseconds(100))
        #expect(work.waiting == 3)  // the timeframe run has not started beside the running orders sync
        work.releaseAll()
        #expect(await eventually { work.waiting == 1 })
        work.releaseAll()
        _ = await timeframe.value
        #expect(work.requests.count == 4)
        #expect(work.requests.last?.timeframe == frame)
        #expect(work.maxActive == 3)
    }
}
