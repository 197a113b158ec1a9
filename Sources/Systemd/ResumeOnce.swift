import Synchronization

/// Resumes a continuation exactly once, whichever of the racing tasks comes first.
final class ResumeOnce: Sendable {
    private let continuation = Mutex<CheckedContinuation<Bool?, Never>?>(nil)

    func arm(_ value: CheckedContinuation<Bool?, Never>) {
        continuation.withLock { $0 = value }
    }

    func resume(with value: Bool?) {
        continuation.withLock { $0.take() }?.resume(returning: value)
    }
}
