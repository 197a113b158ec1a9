import Foundation

/// Keeps the store's operations and its closing apart: operations enter and leave (many at once), closing waits until
/// none is inside and then shuts the gate for good, after which entering throws `StoreError.closed`. An operation
/// entered from inside another is refused the same way once closing has begun, so a closing thread never waits on
/// a nested operation that waits on it.
///
/// What runs inside must be synchronous (the store's operations are): closing blocks its thread, and an operation that
/// suspended inside would need a thread of the cooperative pool to resume and leave; on a one-core machine the pool
/// has one thread, and a close called from it would wait forever. This is why `healthCheck` reads synchronously.
final class ConnectionGate: @unchecked Sendable {
    // NSCondition rather than a Mutex: closing has to sleep until the last operation leaves.
    private let condition = NSCondition()
    private var inside = 0
    private var closed = false

    func enter() throws(StoreError) {
        condition.lock()
        defer { condition.unlock() }
        if closed { throw .closed }
        inside += 1
    }

    func leave() {
        condition.lock()
        inside -= 1
        if inside == 0 { condition.broadcast() }
        condition.unlock()
    }

    /// Runs `body` inside the gate, its errors mapped to `StoreError` (`closed` once the gate is shut).
    func whileOpen<T>(_ body: () throws -> T) throws(StoreError) -> T {
        try enter()
        defer { leave() }
        do { return try body() } catch { throw AppDatabase.map(error) }
    }

    /// Shuts the gate and waits for the operations inside to leave. Returns false when it was already shut (by this
    /// call's predecessor, which also did or is doing the waiting).
    func closeWhenIdle() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if closed { return false }
        closed = true
        while inside > 0 { condition.wait() }
        return true
    }
}
