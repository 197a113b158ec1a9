import Logging
import ServiceLifecycle

/// Sends `WATCHDOG=1` every half interval while a liveness probe of the main loop answers in time, so a hung daemon gets restarted.
public struct WatchdogService: Service {
    private let interval: Duration
    private let probe: @Sendable () async -> Bool
    private let logger: Logger

    /// Pings WATCHDOG=1 every interval/2, but only when `probe` returns true within interval/2; a hung main loop
    /// (probe that does not return) stops the pings so systemd restarts us. Logs a warning once per missed ping.
    public init(interval: Duration, probe: @escaping @Sendable () async -> Bool, logger: Logger) {
        self.interval = interval
        self.probe = probe
        self.logger = logger
    }

    /// Runs until graceful shutdown or cancellation.
    public func run() async throws {
        let half = interval / 2
        let pending = PendingProbe()
        do {
            try await cancelWhenGracefulShutdown {
                // Ticks keep a fixed cadence (no drift); a probe may use the time up to the next tick.
                let clock = ContinuousClock()
                var tick = clock.now + half
                while !Task.isCancelled {
                    try await Task.sleep(until: tick, clock: clock)
                    tick += half
                    let budget = max(tick - clock.now, .milliseconds(1))
                    if await pending.answer(probe: probe, within: budget) {
                        SystemdNotifier.watchdog().report(to: logger, notification: "WATCHDOG=1")
                    } else {
                        logger.warning(
                            "Watchdog ping skipped: the main loop did not answer in time",
                            metadata: ["watchdog.interval": "\(interval)"]
                        )
                    }
                }
            }
        } catch is CancellationError {
            // Shutdown: stopping the pings is exactly what is wanted.
        }
    }
}
