import Glibc
import Logging
import Synchronization
import Testing
@testable import Systemd

/// Lets a test make the probe hang, as a stuck main loop would, and recover.
final class ProbeSwitch: Sendable {
    private let hung = Atomic<Bool>(false)
    func hang() { hung.store(true, ordering: .relaxed) }
    func recover() { hung.store(false, ordering: .relaxed) }
    func probe() async -> Bool {
        while hung.load(ordering: .relaxed) {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }
}

extension ProcessEnvironmentTests {
    @Test func watchdogPingsAtHalfTheIntervalWhileTheProbeAnswersAndStopsWhenItHangs() async throws {
        let listener = try NotifyListener()
        setenv("NOTIFY_SOCKET", listener.path, 1)
        defer { unsetenv("NOTIFY_SOCKET") }
        let probe = ProbeSwitch()
        let label = "test.watchdog.\(getpid())"
        let logger = Logger(label: label) { JournalLogHandler(label: $0, identifier: "invsyncd", destination: .standardError) }
        let service = WatchdogService(interval: .milliseconds(400), probe: { await probe.probe() }, logger: logger)
        let running = Task { try await service.run() }

        // Healthy: a ping every 200 ms, so 4–6 within 1.1 s.
        let healthy = listener.receiveAll(for: .milliseconds(1100))
        #expect(healthy.allSatisfy { $0 == "WATCHDOG=1" })
        #expect((3...7).contains(healthy.count), "got \(healthy.count) pings")

        // Hung main loop: at most one ping already in flight, then silence so systemd would restart us.
        probe.hang()
        var hung: [String] = []
        let warnings = try capturingStandardError {
            hung = listener.receiveAll(for: .milliseconds(1200))
        }.split(separator: "\n").filter { $0.contains(label) && $0.contains("Watchdog ping skipped") }
        #expect(hung.count <= 1, "got \(hung.count) pings while hung")
        // One warning per missed ping: 1.2 s at 200 ms ticks, minus the tick that may still have answered.
        #expect((3...7).contains(warnings.count), "got \(warnings.count) warnings")

        // The main loop answers again: the pings resume.
        probe.recover()
        let recovered = listener.receiveAll(for: .milliseconds(1100))
        #expect(recovered.count >= 3, "got \(recovered.count) pings after recovery")

        running.cancel()
        try await running.value
    }

    @Test func watchdogIntervalComesFromWatchdogUsec() {
        unsetenv("WATCHDOG_PID")
        setenv("WATCHDOG_USEC", "2000000", 1)
        #expect(WatchdogSettings.interval() == .seconds(2))
        setenv("WATCHDOG_PID", String(getpid() + 1), 1)
        #expect(WatchdogSettings.interval() == nil)
        unsetenv("WATCHDOG_PID")
        unsetenv("WATCHDOG_USEC")
        #expect(WatchdogSettings.interval() == nil)
    }
}
