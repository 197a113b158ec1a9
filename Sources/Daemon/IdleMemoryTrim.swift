import Logging
import ServiceLifecycle

/// Gives memory back to the kernel once the daemon has gone idle after a sync cycle (`IdleTrimPolicy`,
/// `ProcessMemory.trim`), and restores read-ahead when work resumes.
///
/// Checks every `interval` (10 s by default: a wake-up that reads one clock and costs microseconds, so idle CPU stays at
/// zero). The first trim after a cycle comes two quiet checks after it ends.
struct IdleMemoryTrim: Service {
    private let interval: Duration
    private let busy: @Sendable () async -> Bool
    private let logger: Logger

    init(interval: Duration = .seconds(10), busy: @escaping @Sendable () async -> Bool, logger: Logger) {
        self.interval = interval
        self.busy = busy
        self.logger = logger
    }

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                var policy = IdleTrimPolicy()
                let clock = ContinuousClock()
                var tick = clock.now
                var cpu = ProcessMemory.cpuTime()
                while !Task.isCancelled {
                    tick += interval
                    try await Task.sleep(until: tick, clock: clock)
                    let used = ProcessMemory.cpuTime()
                    let action = policy.next(busy: await busy(), cpu: used - cpu, interval: interval)
                    switch action {
                    case .none:
                        break
                    case .trim:
                        let trim = ProcessMemory.trim()
                        logger.debug("memory given back while idle", metadata: [
                            "rss_before_kib": "\(trim.residentBeforeKiB)", "rss_after_kib": "\(trim.residentAfterKiB)",
                            "mappings": "\(trim.mappings)",
                        ])
                    case .restoreReadahead:
                        ProcessMemory.restoreReadahead()
                    }
                    // The trim's own CPU is not the next interval's activity.
                    cpu = ProcessMemory.cpuTime()
                }
            }
        } catch is CancellationError {
            // Shutdown.
        }
    }
}
