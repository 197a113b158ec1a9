import Foundation
import Synchronization

/// Wakes a sleeping outbox worker (stock pusher, shipment confirmer, outbound tracker) when new work is written, so
/// none of them needs busy polling.
///
/// A signal given while nobody waits is kept (one), so work queued between a pass and the next wait is not missed.
public final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    public init() {}

    /// Wakes the waiter, or marks a wake-up for the next wait.
    public func signal() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if let w = s.waiter {
                s.waiter = nil
                return w
            }
            s.pending = true
            return nil
        }
        waiter?.resume()
    }

    /// Forgets a signal that came meanwhile; returns whether there was one.
    @discardableResult
    public func consume() -> Bool {
        state.withLock { s in
            defer { s.pending = false }
            return s.pending
        }
    }

    /// Returns at `date` on `clock`, at a signal, or at cancellation, whichever comes first: true for a signal.
    @discardableResult
    public func wait(until date: Date, clock: any WallClock) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                try? await clock.sleep(until: date)
                return false
            }
            group.addTask {
                await self.next()
                return !Task.isCancelled
            }
            let first = await group.next() ?? false
            group.cancelAll()
            // The signal child may still be parked: release it so the group can end.
            self.release()
            return first
        }
    }

    private func next() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if s.pending || Task.isCancelled {
                        s.pending = false
                        return true
                    }
                    s.waiter = c
                    return false
                }
                if resumeNow { c.resume() }
            }
        } onCancel: {
            release()
        }
    }

    /// Resumes a parked waiter without recording a signal.
    private func release() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
    }
}
