import Logging
import ServiceLifecycle

/// Feeds systemd's watchdog at half its interval, but only while `probe` answers in time: a hung main loop
/// or database stops the pings, and systemd restarts the daemon.
public struct WatchdogService: Service {
    let interval: Duration
    let probe: @Sendable () async -> Bool
    let logger: Logger

    public init(interval: Duration, probe: @escaping @Sendable () async -> Bool, logger: Logger) {
        self.interval = interval
        self.probe = probe
        self.logger = logger
    }

    public func run() async throws {
        let period = interval / 2
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                if await Self.answers(self.probe, within: period) {
                    SystemdNotifier.watchdog()
                } else {
                    self.logger.warning("watchdog probe did not answer; not feeding the watchdog", metadata: ["period_ms": "\(period.components.seconds * 1000 + period.components.attoseconds / 1_000_000_000_000_000)"])
                }
                try await Task.sleep(for: period)
            }
        }
    }

    /// Whether `probe` returns true before `deadline` passes.
    static func answers(_ probe: @escaping @Sendable () async -> Bool, within deadline: Duration) async -> Bool {
        await withTaskGroup(of: Bool?.self) { group in
            group.addTask { await probe() }
            group.addTask {
                try? await Task.sleep(for: deadline)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? false
        }
    }
}
