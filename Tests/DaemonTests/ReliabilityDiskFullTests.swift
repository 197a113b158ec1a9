import Foundation
import Glibc
import InvSyncInterface
import Testing
import Varlink

/// Issue 6 item 2: the state directory on a small tmpfs in a private mount namespace (`unshare -m`; the mount goes
/// away with the daemon's namespace), filled up during a sync: the daemon reports the full disk, loses nothing and
/// resumes when the tmpfs grows (`mount -o remount,size=…`). Needs root (as in CI); skipped otherwise.
@Suite(.serialized) struct ReliabilityDiskFullTests {
    /// Runs `command` with sh inside the daemon's mount namespace.
    static func inNamespace(_ pid: pid_t, _ command: String) async throws -> (status: Int32, out: String, err: String) {
        try await DaemonHarness.run("/usr/bin/nsenter", ["-t", "\(pid)", "-m", "/bin/sh", "-c", command])
    }

    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare")))
    func fullStateDirectoryIsReportedAndRecovered() async throws {
        let name = "amazon-us"
        let scenario = try await ScenarioDaemon(channels: [name], orders: 300, listings: 60, lookbackDays: 30)
        let sandbox = scenario.sandbox
        let state = scenario.harness.directory + "/state"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        // unshare execs sh, which mounts the tmpfs and execs invsyncd: one PID, signals reach the daemon.
        try await scenario.start(executable: "/usr/bin/unshare", arguments: [
            "-m", "--propagation", "private", "/bin/sh", "-c", "mount -t tmpfs -o size=32m tmpfs \"$0\" && exec \"$1\" --config \"$2\"",
            state, DaemonHarness.binary("invsyncd"), scenario.harness.configPath,
        ])
        let pid = try #require(scenario.harness.process?.pid)
        let mounted = try await Self.inNamespace(pid, "grep ' \(state) ' /proc/mounts")
        #expect(mounted.out.contains("tmpfs"), "the state directory is not on the tmpfs: \(mounted)")
        try await scenario.waitForFirstCycle()
        let before = try await scenario.orders(name)
        #expect(!before.isEmpty)

        // Fill the tmpfs, then give Amazon new orders and sync.
        _ = try await Self.inNamespace(pid, "cat /dev/zero > '\(state)/filler' 2>/dev/null; true")
        let sku = try #require(before.first?.lines.first?.sku)
        var added: [String] = []
        for n in 0..<30 {
            let reply = try await sandbox.admin("POST", "/orders", [
                "marketplace": "US", "status": "UNSHIPPED", "fulfillmentChannel": "MFN",
                "items": [["sku": sku, "quantity": 1, "price": 10 + n]], "buyer": ["name": "Full Disk \(n)"],
            ])
            if let id = reply["orderId"] as? String ?? reply["amazonOrderId"] as? String { added.append(id) }
        }
        try await sandbox.advanceClock(seconds: 600)
        let stable = try #require(scenarioDate(try await sandbox.now()))
        let previous = try await scenario.tasks(name).map(\.id).max() ?? 0
        let started: SyncInterface.StartReply? = try? await scenario.call(
            SyncInterface.Method.start.qualified, ["module": "orders", "channel": .string(name)])
        // The task may not even be recordable; wait until the daemon logged the full disk or a task ended.
        try await scenarioEventually(timeout: .seconds(60)) {
            let log = scenario.harness.log.lowercased()
            if log.contains("disk holding the database is full") { return true }
            let tasks = (try? await scenario.tasks(name)) ?? []
            return tasks.contains { $0.id > previous && $0.status != .running }
        }
        try await Task.sleep(for: .seconds(1))
        let log = scenario.harness.log
        let fullLines = log.split(separator: "\n").filter { $0.contains("disk holding the database is full") }
        #expect(!fullLines.isEmpty, "the log does not mention the full disk")
        let status: DaemonInterface.GetStatusReply = try await scenario.call(DaemonInterface.Method.getStatus.qualified)
        let channel = try #require(status.channels.first { $0.name == name })
        #expect(channel.state == .error && channel.reason?.contains("disk holding the database is full") == true,
                "GetStatus does not report the full disk: state \(channel.state), reason \(channel.reason ?? "none")")
        let during = try await scenario.orders(name)
        #expect(Set(before.map(\.amazonOrderId)).isSubset(of: Set(during.map(\.amazonOrderId))), "orders lost while full")

        // Space returns: grow the tmpfs; the next syncs complete with every order, none twice.
        let grown = try await Self.inNamespace(pid, "mount -o remount,size=256m '\(state)'")
        #expect(grown.status == 0, "remount: \(grown.err)")
        var task = try await scenario.waitForTask(try await scenario.startOrders(name))
        var attempts = 0
        while task.status != .succeeded && attempts < 3 {
            attempts += 1
            task = try await scenario.waitForTask(try await scenario.startOrders(name))
        }
        #expect(task.status == .succeeded)
        let after = try await scenario.orders(name)
        let held = Set(after.map(\.amazonOrderId))
        #expect(added.allSatisfy(held.contains), "orders missing after space returned: \(added.filter { !held.contains($0) })")
        let reference = try await sandbox.searchOrders(createdAfter: SyncScenarioTests.lookbackStart())
        let problems = SyncScenarioTests.compare(after, reference, stable: stable)
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        let afterStatus: DaemonInterface.GetStatusReply = try await scenario.call(DaemonInterface.Method.getStatus.qualified)
        #expect(afterStatus.channels.first { $0.name == name }?.state != .error, "the channel still reports an error")
        try await scenario.stop()
        print("[measure] reliability disk full: Start \(started == nil ? "refused" : "accepted") while full; log: \(fullLines.prefix(2)); GetStatus while full: \(channel.state) \(channel.reason ?? "-"); \(added.count) new orders all stored after the remount (\(attempts) extra syncs)")
    }
}
