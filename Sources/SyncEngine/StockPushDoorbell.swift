import Foundation
import Synchronization

/// Wakes the stock pusher when the outbox gets work: rung from the store's change signal, waited on with a deadline.
///
/// A ring with nobody waiting is remembered (once), so a change committed while the pusher works is not missed.
final class StockPushDoorbell: Sendable {
    private struct State {
        var rung = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    func ring() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard let w = s.waiter else {
                s.rung = true
                return nil
            }
            s.waiter = nil
            return w
        }
        waiter?.resume()
    }

    /// Forgets a ring that came meanwhile; returns whether there was one.
    @discardableResult
    func consume() -> Bool {
        state.withLock { s in
            defer { s.rung = false }
            return s.rung
        }
    }

    /// Returns true as soon as the bell rings (or had rung), false when `deadline` comes first.
    func wait(until deadline: Date, clock: any WallClock) async throws -> Bool {
        if consume() { return true }
        return try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await clock.sleep(until: deadline)
                return false
            }
            group.addTask {
                await self.waitForRing()
                return !Task.isCancelled
            }
            defer { group.cancelAll() }
            return try await group.next() ?? false
        }
    }

    private func waitForRing() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if s.rung {
                        s.rung = false
                        return true
                    }
                    if Task.isCancelled { return true }
                    s.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
                defer { s.waiter = nil }
                return s.waiter
            }
            waiter?.resume()
        }
    }
}
