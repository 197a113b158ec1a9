import Foundation

/// The control path under load: GetStatus round trips over one Varlink connection while the release invsyncd syncs
/// 3 × 34,000 orders from the release sandbox, and the daemon's RSS after that sync.
enum ControlLatencyBench {
    static func record(into runner: inout BenchmarkRunner, binDir: String, environment: [String: String]) async throws {
        let loaded = try await DaemonFootprint.loaded(binDir: binDir, ordersPerChannel: 34_000, environment: environment)
        runner.record("daemon: RSS after syncing 100,000 orders, 3 channels", unit: "MiB", target: "< 150 MiB", meets: { $0 < 150 },
                      note: "one run: \(loaded.orders) orders stored in \(String(format: "%.0f", loaded.seconds)) s (3 × 34,000); threads \(loaded.threads)",
                      samples: [loaded.residentMiB])
        let thirds = loaded.latencySegments.map { segment in
            String(format: "%.2f/%.2f", quantile(segment, 0.5), quantile(segment, 0.99))
        }.joined(separator: ", ")
        runner.record("control: GetStatus p50 during the 100,000-order sync", unit: "ms",
                      note: "one Varlink connection, calls 5 ms apart; samples: the three consecutive thirds of the sync (\(loaded.latencySegments.map(\.count).reduce(0, +)) calls); the sandbox runs at nice \(DaemonFootprint.sandboxNiceness): it stands for Amazon's servers, which take no CPU on the seller's machine",
                      samples: loaded.latencySegments.map { quantile($0, 0.5) })
        runner.record("control: GetStatus p99 during the 100,000-order sync", unit: "ms", target: "< 5 ms", meets: { $0 < 5 },
                      note: "the same calls; p50/p99 per third (ms): \(thirds); slowest call \(String(format: "%.1f", loaded.latencySegments.joined().max() ?? 0)) ms",
                      samples: loaded.latencySegments.map { quantile($0, 0.99) })
    }
}
