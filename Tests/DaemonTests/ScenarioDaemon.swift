import Foundation
import Glibc
import InvSyncInterface
import Testing
import Varlink

/// The real invsyncd against a real spapi-sandbox child process: config, vault key, Varlink reads of tasks and orders.
final class ScenarioDaemon: @unchecked Sendable {
    let harness: DaemonHarness
    let sandbox: ScenarioSandbox
    let channels: [String]

    /// Starts the sandbox (with `orders` seeded orders) and writes a daemon config with `channels` on marketplace US.
    /// `rateScale` scales Amazon's rates in the sandbox (1 = Amazon's own: searchOrders waits minutes after its burst).
    /// `channelExtra`: more `key = value` lines for every channel.
    init(channels: [String], orders: Int, listings: Int = 150, lookbackDays: Int = 30, clockScale: Double = 10,
         rateScale: Double = 1000, channelExtra: String = "") async throws {
        harness = try DaemonHarness()
        sandbox = try await ScenarioSandbox(directory: harness.directory, orders: orders, listings: listings, rateScale: rateScale,
                                            clockScale: clockScale)
        self.channels = channels
        // The PII vault key: 64 hex digits in a 0600 file, as scripts/demo writes it.
        let key = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        try key.write(toFile: harness.directory + "/vault.key", atomically: true, encoding: .utf8)
        chmod(harness.directory + "/vault.key", 0o600)
        try harness.writeConfig(
            channels: channels.map { sandbox.channel($0, lookbackDays: lookbackDays, extra: channelExtra) }.joined(separator: "\n"),
            daemonExtra: "vault_key_file = \"vault.key\"")
    }

    var databasePath: String { harness.directory + "/state/invsyncd.sqlite" }

    func start(environment: [String: String] = [:], executable: String? = nil, arguments: [String]? = nil) async throws {
        try harness.start(environment: environment, arguments: arguments, executable: executable)
        do {
            try await harness.notify.waitFor("READY=1")
        } catch {
            print(harness.log.split(separator: "\n").suffix(30).joined(separator: "\n"))
            throw error
        }
    }

    /// Starts again after a kill: READY=1 is awaited by polling the socket, since the listener saw the first one.
    func restart() async throws {
        try harness.start()
        try await scenarioEventually(timeout: .seconds(20)) { (try? await self.tasks(nil)) != nil }
    }

    func kill9() async throws {
        harness.signal(SIGKILL)
        _ = try await harness.waitForExit(timeout: .seconds(10))
    }

    func stop() async throws {
        harness.signal(SIGTERM)
        do {
            #expect(try await harness.waitForExit(timeout: .seconds(30)) == 0)
        } catch {
            print(harness.log.split(separator: "\n").suffix(15).joined(separator: "\n"))
            throw error
        }
    }

    func call<R: Decodable & Sendable>(_ method: String, _ parameters: [String: JSONValue] = [:]) async throws -> R {
        let client = try await VarlinkClient.connect(path: harness.socketPath)
        defer { Task { await client.close() } }
        return try await client.call(method, parameters: parameters, returning: R.self)
    }

    func tasks(_ channel: String?) async throws -> [SyncInterface.Task] {
        var parameters: [String: JSONValue] = ["limit": 10_000]
        if let channel { parameters["channel"] = .string(channel) }
        let reply: SyncInterface.ListTasksReply = try await call(SyncInterface.Method.listTasks.qualified, parameters)
        return reply.tasks
    }

    func orders(_ channel: String) async throws -> [InventoryInterface.SalesOrder] {
        let reply: InventoryInterface.ListOrdersReply = try await call(
            InventoryInterface.Method.listOrders.qualified, ["channel": .string(channel), "limit": 10_000])
        return reply.orders
    }

    /// Waits until every channel has an ended items task and an ended orders task (its first cycle).
    func waitForFirstCycle(timeout: Duration = .seconds(120)) async throws {
        try await scenarioEventually(timeout: timeout) {
            guard let all = try? await self.tasks(nil) else { return false }
            return self.channels.allSatisfy { name in
                ["items", "orders"].allSatisfy { (module: String) in
                    all.contains { $0.channel == name && $0.module == module && $0.status != .running }
                }
            }
        }
    }

    /// Starts a manual orders sync (a timeframe when given) on `channel`; returns the task Start answered with: the
    /// run's own task (R7), which another running task of the channel (a retry pass) never replaces.
    func startOrders(_ channel: String, from: String? = nil, to: String? = nil) async throws -> Int64 {
        var parameters: [String: JSONValue] = ["module": "orders", "channel": .string(channel)]
        if let from, let to { parameters["from"] = .string(from); parameters["to"] = .string(to) }
        let reply: SyncInterface.StartReply = try await call(SyncInterface.Method.start.qualified, parameters)
        guard let task = reply.tasks.first else {
            print(harness.log.split(separator: "\n").suffix(30).joined(separator: "\n"))
            throw TestFailure("Start answered with no task")
        }
        #expect(task.module == "orders" && task.channel == channel, "\(task)")
        return task.id
    }

    /// Waits for a task to end; returns it.
    func waitForTask(_ id: Int64, timeout: Duration = .seconds(120)) async throws -> SyncInterface.Task {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let reply: SyncInterface.GetTaskReply? = try? await call(SyncInterface.Method.getTask.qualified, ["id": .number(Double(id))])
            if let task = reply?.task, task.status != .running { return task }
            try await Task.sleep(for: .milliseconds(100))
        }
        print(harness.log.split(separator: "\n").suffix(30).joined(separator: "\n"))
        throw TestFailure("task \(id) did not end within \(timeout)")
    }

    /// Every file's bytes that could leak: the database, its WAL and shared memory, the daemon's output.
    func leakableBytes() -> [(String, Data)] {
        [databasePath, databasePath + "-wal", databasePath + "-shm", harness.directory + "/daemon.err", harness.directory + "/daemon.out"]
            .compactMap { path in FileManager.default.contents(atPath: path).map { (path, $0) } }
    }
}

/// Polls `condition` every 100 ms until it holds; fails after `timeout`.
func scenarioEventually(timeout: Duration, _ condition: @Sendable () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    throw TestFailure("condition not met within \(timeout)")
}

/// RFC 3339 with or without fractional seconds.
func scenarioDate(_ text: String) -> Date? {
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return fractional.date(from: text) ?? ISO8601DateFormatter().date(from: text)
}

/// A status in comparable form: "PARTIALLY_SHIPPED" and "partiallyShipped" both become "partiallyshipped".
func scenarioStatus(_ text: String) -> String { text.lowercased().replacingOccurrences(of: "_", with: "") }
