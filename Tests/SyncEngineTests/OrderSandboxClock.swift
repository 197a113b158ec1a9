import SandboxHarness
import Foundation
import Synchronization
import SyncEngine

/// The engine's wall clock set to the sandbox's simulated time, moved forward together with it.
final class OrderSandboxClock: WallClock {
    private let offset: Mutex<TimeInterval>
    private let sandbox: SandboxHarness

    init(sandbox: SandboxHarness) async throws {
        self.sandbox = sandbox
        let simulated = try await sandbox.now()
        offset = Mutex(simulated.timeIntervalSinceNow)
    }

    func now() -> Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    func sleep(until date: Date) async throws {
        let seconds = date.timeIntervalSince(now())
        if seconds > 0 { try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up)))) }
    }

    /// Moves the sandbox's clock and this one by `seconds`: orders arrive and change status meanwhile.
    func advance(by seconds: TimeInterval) async throws {
        try await sandbox.admin("POST", "clock/advance", ["seconds": seconds])
        offset.withLock { $0 += seconds }
    }
}
