import Foundation
import InventoryStore

/// `make bench`: runs every benchmark, prints a table and writes BENCHMARKS.md.
@main
struct InvsyncBench {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2 else {
            FileHandle.standardError.write(Data("usage: invsync-bench BIN_DIR [OUTPUT.md]\n".utf8))
            exit(2)
        }
        let binDir = arguments[1]
        var output = arguments.count > 2 ? arguments[2] : "BENCHMARKS.md"
        // The store's process-wide SQLite settings, before any connection: the ingest baselines run under them too.
        AppDatabase.configureSQLite()
        var runner = BenchmarkRunner()
        print("Machine: \(BenchmarkRunner.machine())")
        // One block alone, for measuring a change to it (its own output file; never the full results).
        if let only = ProcessInfo.processInfo.environment["INVSYNC_BENCH_ONLY"] {
            let title: String
            switch only {
            case "ingest":
                try StoreIngest.record(into: &runner)  // about a minute
                title = "store ingest"
            case "efficiency":
                // The 10,000-order searchOrders backfill against its rate-limit bound, every call of it listed.
                try await BackfillEfficiency.record(into: &runner, binDir: binDir, listCalls: true)
                title = "backfill efficiency"
            case "backfill":
                try await OrderBackfillBench.record(into: &runner, binDir: binDir)
                title = "order backfill"
            case "control":
                // GetStatus during the 100,000-order sync (a few minutes).
                try await ControlLatencyBench.record(into: &runner, binDir: binDir, environment: UnitEnvironment.load())
                title = "control latency"
            default:
                FileHandle.standardError.write(Data("INVSYNC_BENCH_ONLY=\(only) is not a block: use ingest, efficiency, backfill or control\n".utf8))
                exit(2)
            }
            if output == "BENCHMARKS.md" { output = "BENCHMARKS-\(only).md" }
            let text = "# Benchmarks: \(title) only\n\nWritten by `INVSYNC_BENCH_ONLY=\(only) make bench`.\n\n" + runner.markdown(title: "Results")
            try text.write(toFile: output, atomically: true, encoding: .utf8)
            print("wrote \(output)")
            return
        }

        // Rates scaled far past any real limit so the server, not the bucket, is what is measured.
        let sandbox = try SandboxProcess(binDir: binDir, arguments: ["--rate-scale", "1000000", "--orders", "2000", "--listings", "500"])
        defer { sandbox.stop() }
        let base = sandbox.base
        let after = Date().addingTimeInterval(-40 * 86400).formatted(Date.ISO8601FormatStyle())
        try await runner.measure("sandbox: getMarketplaceParticipations, 8 callers", unit: "req/s",
                                 note: "release spapi-sandbox, client over libcurl, same machine", repetitions: 5) {
            try await SandboxThroughput.run(base: base, operation: "sellers.getMarketplaceParticipations", method: "GET",
                                            path: "/sellers/v1/marketplaceParticipations", query: [], workers: 8, seconds: 2)
        }
        try await runner.measure("sandbox: searchOrders, 100 orders/page, 8 callers", unit: "req/s",
                                 note: "includedData=BUYER,RECIPIENT,FULFILLMENT; every page is 100 orders", repetitions: 5) {
            try await SandboxThroughput.run(base: base, operation: "orders_2026-01-01.searchOrders", method: "GET",
                                            path: "/orders/2026-01-01/orders",
                                            query: [("createdAfter", after), ("marketplaceIds", "ATVPDKIKX0DER"), ("maxResultsPerPage", "100"),
                                                    ("includedData", "BUYER,RECIPIENT,FULFILLMENT")],
                                            workers: 8, seconds: 2)
        }

        // Order ingest: a fresh database each run; 6,000 seeded US orders over 30 days, all inside the 60-day look-back.
        let ingestSandbox = try SandboxProcess(binDir: binDir, arguments: ["--rate-scale", "1000000", "--orders", "6000", "--listings", "300",
                                                                           "--days", "30", "--marketplaces", "US"])
        defer { ingestSandbox.stop() }
        var ingest: [OrderIngest.Result] = []
        for _ in 0..<3 { ingest.append(try await OrderIngest.run(base: ingestSandbox.base)) }
        runner.record("order sync: initial, real sandbox, orders stored/s", unit: "orders/s",
                      note: "searchOrders pages of 100 with BUYER,RECIPIENT,FULFILLMENT → upsert (PII sealed, stock, outbox); \(ingest.first?.orders ?? 0) orders",
                      samples: ingest.map(\.ordersPerSecond))
        runner.record("order sync: SP-API calls per 1,000 orders", unit: "calls", target: "≤ 11 in steady state", meets: { $0 <= 11 },
                      note: "the same runs", samples: ingest.map(\.callsPerThousand))

        // --- store ---
        // Ingest into the store alone: upsertOrders per page of 100 vs plain prepared inserts of the same rows.
        try StoreIngest.record(into: &runner)

        // Retention: 1,000,000 expired records (10,000 tasks × 100) in a fresh copy of one seeded database.
        let retentionDirectory = try StoreIngest.temporaryDirectory("bench-store-retention")
        defer { try? FileManager.default.removeItem(atPath: retentionDirectory) }
        let template = try StoreRetention.seed(into: retentionDirectory)
        var reapSeconds: [Double] = [], longest: [Double] = [], checkpointLongest: [Double] = [], batches = 0
        var noCheckpointLongest: [Double] = []
        var oldLongest: [Double] = [], oldTotal: [Double] = [], oldBatches = 0
        for _ in 0..<3 {
            reapSeconds.append(try await StoreRetention.runReap(template: template, directory: retentionDirectory).seconds)
            let timed = try StoreRetention.runTimedBatches(template: template, directory: retentionDirectory, recordBounded: true,
                                                           checkpoints: true)
            longest.append(timed.longest * 1000)
            checkpointLongest.append(timed.longestCheckpoint * 1000)
            batches = timed.batches
            let unchecked = try StoreRetention.runTimedBatches(template: template, directory: retentionDirectory, recordBounded: true)
            noCheckpointLongest.append(unchecked.longest * 1000)
            let old = try StoreRetention.runTimedBatches(template: template, directory: retentionDirectory, recordBounded: false)
            oldLongest.append(old.longest * 1000)
            oldTotal.append(old.total)
            oldBatches = old.batches
        }
        runner.record("retention: reap 1,000,000 expired records", unit: "s", target: "< 10 s", meets: { $0 < 10 },
                      note: "RetentionReaper.reap; 10,000 expired tasks × 100 records (80% succeeded, 20% failed/partial) + 100 recent kept",
                      samples: reapSeconds)
        runner.record("retention: longest write transaction", unit: "ms", target: "< 100 ms", meets: { $0 < 100 },
                      note: "each reapExpiredHistory batch timed (one transaction each; ≤ 1,000 tasks and ≤ 2,000 records), \(batches) per pass, with the reaper's passive checkpoint (own connection, no write lock) between batches",
                      samples: longest)
        runner.record("retention: longest checkpoint between batches", unit: "ms",
                      note: "the same passes: checkpointLog after each batch, outside the write lock (writers go on meanwhile)",
                      samples: checkpointLongest)
        runner.record("retention: longest write transaction, no reaper checkpoints between batches", unit: "ms",
                      note: "reference: the same batches without them; the log is then copied by the store's background checkpoint, asked for by the commits past 1,000 log pages (the writer copies it inside a commit only past 4,000)",
                      samples: noCheckpointLongest)
        runner.record("retention: longest transaction, task-bounded batches (before)", unit: "ms",
                      note: "reference: the reaper's batching before issue 6, deleteExpiredHistory of 1,000 tasks with cascaded records, \(oldBatches) per pass",
                      samples: oldLongest)
        runner.record("retention: pass total, task-bounded batches (before)", unit: "s", note: "reference: the same pass, summed",
                      samples: oldTotal)

        // Start-up with a 1 GiB database.
        let startupBytes = try StoreStartup.prepare()
        _ = try StoreStartup.run(binDir: binDir)  // warm-up: page cache and dynamic loader, not counted
        var startup: [Double] = []
        for _ in 0..<5 { startup.append(try StoreStartup.run(binDir: binDir)) }
        runner.record("startup: exec → READY=1, 1 GiB database", unit: "ms", target: "< 300 ms", meets: { $0 < 300 },
                      note: String(format: "release invsyncd, real NOTIFY_SOCKET; %.2f GiB: 600,000 orders + recent history; after 1 warm-up run", Double(startupBytes) / 1_073_741_824),
                      samples: startup)

        // --- daemon ---
        // The release invsyncd as a real process against the release sandbox, with its unit's Environment= settings.
        let unitEnvironment = UnitEnvironment.load()
        let unitNote = unitEnvironment.isEmpty ? "" : "; unit environment " + unitEnvironment.keys.sorted().map { "\($0)=\(unitEnvironment[$0]!)" }.joined(separator: " ")
        var idle: [DaemonFootprint.Idle] = []
        for run in 0..<3 { idle.append(try await DaemonFootprint.idle(binDir: binDir, environment: unitEnvironment, cpuWindows: run == 0 ? 3 : 0)) }
        runner.record("daemon: RSS idle, 3 channels after first cycle", unit: "MiB", target: "< 30 MiB", meets: { $0 < 30 },
                      note: "VmRSS; 3 US channels (all pass R2), 2,000 orders each, 75 s after the cycle (after the idle trim); threads \(idle.map(\.threads))\(unitNote)",
                      samples: idle.map(\.residentMiB))
        runner.record("daemon: RSS 5 s after the first cycle, before the idle trim", unit: "MiB",
                      note: "the same runs: the cycle's code and freed heap still resident (reference for the trim)",
                      samples: idle.map(\.residentAfterCycleMiB))
        runner.record("daemon: CPU idle", unit: "% of a core", target: "< 1 %", meets: { $0 < 1 },
                      note: "utime+stime from /proc/PID/stat over 30 s after the first idle run's RSS reading, in three 10 s windows (the idle trim's checks included)",
                      samples: idle[0].cpuPercent)
        // --- control ---
        try await ControlLatencyBench.record(into: &runner, binDir: binDir, environment: unitEnvironment)
        let pushLatency = try await StockPushLatency.latency(binDir: binDir, changes: 50, rounds: 3)
        runner.record("stock push: AdjustStock → sandbox holds it, p50", unit: "s",
                      note: "3 rounds of 50 single changes on one daemon, each awaited (sandbox polled every 5 ms); 0.5 s coalescing window",
                      samples: pushLatency.map { quantile($0.seconds, 0.5) })
        runner.record("stock push: AdjustStock → sandbox holds it, p99", unit: "s", target: "< 2 s", meets: { $0 < 2 },
                      note: "the same changes; patchListingsItem per run \(pushLatency.map(\.patches))",
                      samples: pushLatency.map { quantile($0.seconds, 0.99) })
        let bulk = try await StockPushLatency.bulk(binDir: binDir, skus: 10_000)
        runner.record("stock push: feeds for 10,000 SKU changes", unit: "createFeed", target: "≤ 2 feeds", meets: { $0 <= 2 },
                      note: "one run: AdjustStock on \(bulk.skus) MFN SKUs over 4 connections after the activation push settled; \(bulk.patches) patchListingsItem besides; all pushed and read back in \(String(format: "%.0f", bulk.seconds)) s (feeds polled every 30 s)",
                      samples: [Double(bulk.feeds)])
        // --- backfill efficiency ---
        try await BackfillEfficiency.record(into: &runner, binDir: binDir)

        // --- backfill report ---
        try await OrderBackfillBench.record(into: &runner, binDir: binDir)

        let text = "# Benchmarks\n\nWritten by `make bench` (Benchmarks/InvsyncBench). Medians over repeated runs; every figure is from one run on the machine named.\n\n"
            + runner.markdown(title: "Results")
        try text.write(toFile: output, atomically: true, encoding: .utf8)
        print("wrote \(output)")
    }
}
