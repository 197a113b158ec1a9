import Foundation
import Synchronization
import SyncEngine

/// A wall clock the test moves by hand; sleepers wake when it passes their date.
final class ManualWallClock: WallClock {
    private struct Sleeper {
        var id: UUID
        var until: Date
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Date
        var sleepers: [Sleeper] = []
    }

    private let state: Mutex<State>

    init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) {
        state = Mutex(State(now: start))
    }

    func now() -> Date { state.withLock { $0.now } }

    func sleep(until date: Date) async throws {
        let id = UUID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow = state.withLock { s -> Bool in
                    if date <= s.now || Task.isCancelled { return true }
                    s.sleepers.append(Sleeper(id: id, until: date, continuation: continuation))
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let sleeper = state.withLock { s -> Sleeper? in
                guard let i = s.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return s.sleepers.remove(at: i)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
        try Task.checkCancellation()
    }

    /// Moves time forward and wakes every sleeper whose date has come.
    func advance(by seconds: TimeInterval) {
        let due = state.withLock { s -> [Sleeper] in
            s.now = s.now.addingTimeInterval(seconds)
            let now = s.now
            let due = s.sleepers.filter { $0.until <= now }
            s.sleepers.removeAll { $0.until <= now }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// How many tasks are asleep on this clock now.
    var sleeping: Int { state.withLock { $0.sleepers.count } }
}

/// Waits (in real time, up to `seconds`) until `condition` holds; the engine works on other tasks meanwhile. The
/// default is generous: the whole suite runs in parallel on 2 cores, and a passing wait returns at once.
func eventually(_ seconds: Double = 30, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return try await condition()
}

/// Runs `body` while `service` runs, then cancels the service and waits for it to end, whether `body` returned or threw:
/// a service left running after its test would go on using the test's database and sandbox while they are torn down.
func whileRunning(_ service: Task<Void, any Error>, _ body: () async throws -> Void) async throws {
    do {
        try await body()
        service.cancel()
        _ = await service.result
    } catch {
        service.cancel()
        _ = await service.result
        throw error
    }
}
