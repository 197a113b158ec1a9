import Foundation

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
        let output = arguments.count > 2 ? arguments[2] : "BENCHMARKS.md"
        var runner = BenchmarkRunner()
        print("Machine: \(BenchmarkRunner.machine())")

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

        let text = "# Benchmarks\n\nWritten by `make bench` (Benchmarks/InvsyncBench). Medians over repeated runs; every figure is from one run on the machine named.\n\n"
            + runner.markdown(title: "Results")
        try text.write(toFile: output, atomically: true, encoding: .utf8)
        print("wrote \(output)")
    }
}
