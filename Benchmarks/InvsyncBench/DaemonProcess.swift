import Foundation
import Glibc
import InvSyncInterface
import Varlink

/// The release `invsyncd` run as a child process against a sandbox: its configuration, secrets, Varlink calls and
/// what the kernel says about its memory and CPU.
final class DaemonProcess {
    let process = Process()
    let directory: URL
    let channels: [String]
    var socketPath: String { directory.appendingPathComponent("control.sock").path }
    var pid: Int32 { process.processIdentifier }

    /// Writes a configuration with `channels` (all marketplace US, as the scenario tests do) pointing at `sandbox`.
    /// `channelSettings`: more `key = value` lines for every channel (e.g. `order_backfill = "search"`).
    init(binDir: String, sandbox: URL, channels: [String], lookbackDays: Int = 60, channelSettings: [String] = [],
         environment: [String: String] = [:]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-daemon-\(UUID().uuidString)")
        self.channels = channels
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("state"), withIntermediateDirectories: true)
        try "sandbox-client-secret".write(to: directory.appendingPathComponent("client-secret"), atomically: true, encoding: .utf8)
        try "Atzr|sandbox-refresh-token".write(to: directory.appendingPathComponent("refresh-token"), atomically: true, encoding: .utf8)
        let key = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        try key.write(to: directory.appendingPathComponent("vault.key"), atomically: true, encoding: .utf8)
        for name in ["client-secret", "refresh-token", "vault.key"] { chmod(directory.appendingPathComponent(name).path, 0o600) }
        let endpoint = sandbox.absoluteString
        var config = """
            [daemon]
            state_directory = "state"
            control_socket = "control.sock"
            log_level = "info"
            vault_key_file = "vault.key"

            [organization]
            base_currency = "USD"
            taxes_enabled = true
            business_location = "US"
            primary_warehouse = "Main"

            """
        for name in channels {
            config += """

                [[channel]]
                name = "\(name)"
                marketplace = "US"
                seller_id = "A2SANDBOXSELLER"
                client_id = "amzn1.application-oa2-client.sandbox"
                client_secret_file = "client-secret"
                refresh_token_file = "refresh-token"
                endpoint = "\(endpoint)"
                token_endpoint = "\(endpoint)/auth/o2/token"
                initial_lookback_days = \(lookbackDays)
                \(channelSettings.joined(separator: "\n"))

                """
        }
        let configPath = directory.appendingPathComponent("invsyncd.toml").path
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: binDir).appendingPathComponent("invsyncd")
        process.arguments = ["--config", configPath]
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        env.merge(environment) { $1 }
        process.environment = env
        _ = FileManager.default.createFile(atPath: directory.appendingPathComponent("daemon.log").path, contents: nil)
        let log = try FileHandle(forWritingTo: directory.appendingPathComponent("daemon.log"))
        process.standardOutput = log
        process.standardError = log
    }

    /// Starts the daemon, waits until it answers GetStatus, then admits both order kinds (R17), as the first cycle's
    /// items sync comes before its orders sync: every seeded order in the look-back is stored.
    func start() async throws {
        try await launch()
        _ = try await call(ChannelsInterface.Method.setOrderSyncMode.qualified, ["mode": "confirmedAndFulfilled"],
                           returning: DaemonInterface.NoReply.self)
    }

    private func launch() async throws {
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let client = try? await VarlinkClient.connect(path: socketPath) {
                let reply = try? await client.call(DaemonInterface.Method.getStatus.qualified, parameters: [String: JSONValue](),
                                                   returning: DaemonInterface.GetStatusReply.self)
                await client.close()
                if reply != nil { return }
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw BenchmarkFailure("invsyncd did not answer within 30 s; log: \(logTail())")
    }

    func call<R: Decodable & Sendable>(_ method: String, _ parameters: [String: JSONValue] = [:], returning: R.Type) async throws -> R {
        let client = try await VarlinkClient.connect(path: socketPath)
        defer { Task { await client.close() } }
        return try await client.call(method, parameters: parameters, returning: R.self)
    }

    func tasks() async throws -> [SyncInterface.Task] {
        try await call(SyncInterface.Method.listTasks.qualified, ["limit": 10_000], returning: SyncInterface.ListTasksReply.self).tasks
    }

    /// Waits until every channel has an ended items task and an ended orders task (the first cycle).
    func waitForFirstCycle(timeout: Duration = .seconds(600)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let all = try? await tasks(), channels.allSatisfy({ name in
                ["items", "orders"].allSatisfy { module in all.contains { $0.channel == name && $0.module == module && $0.status != .running } }
            }) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchmarkFailure("the first sync cycle did not end within \(timeout); log: \(logTail())")
    }

    /// VmRSS from /proc/PID/status, in MiB.
    func residentMiB() -> Double { Double(statusField("VmRSS") ?? 0) / 1024 }

    /// The number of threads, from /proc/PID/status.
    func threads() -> Int { statusField("Threads") ?? 0 }

    /// utime + stime from /proc/PID/stat, in seconds.
    func cpuSeconds() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return 0 }
        // After "pid (comm)": field 3 is state; utime and stime are fields 14 and 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    private func statusField(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix(name + ":") }
            .flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Int($0) } }
    }

    func logTail() -> String {
        let text = (try? String(contentsOf: directory.appendingPathComponent("daemon.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(10).joined(separator: "\n")
    }

    func stop() {
        if process.isRunning {
            kill(pid, SIGTERM)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Seconds of a Duration.
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// The p-th quantile of `values` (nearest rank).
func quantile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}
