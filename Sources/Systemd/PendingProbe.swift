import Synchronization

/// Runs at most one probe at a time: a probe that hangs is not started again, it keeps counting as a miss until it returns.
final class PendingProbe: Sendable {
    private let outstanding = Mutex<Task<Bool, Never>?>(nil)

    /// True when the probe (a still-running earlier one, or a new one) returned true within `limit`.
    func answer(probe: @escaping @Sendable () async -> Bool, within limit: Duration) async -> Bool {
        let task = outstanding.withLock { current -> Task<Bool, Never> in
            if let current { return current }
            let started = Task { await probe() }
            current = started
            return started
        }
        let result = await FirstAnswer.race(task, timeout: limit)
        if let result {
            outstanding.withLock { current in
                if current == task { current = nil }
            }
            return result
        }
        return false
    }
}
