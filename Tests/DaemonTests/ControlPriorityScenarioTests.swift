import Foundation
import Glibc
import InvSyncInterface
import Testing
import Varlink

/// The real invsyncd: its sync runs on threads at a lower priority than the control path, and the sync still completes
/// and GetStatus still answers (issue 6, GetStatus p99 during a large sync).
@Suite(.serialized) struct ControlPriorityScenarioTests {
    /// The daemon's sync threads (named invsync-sync-N) run at nice 10 while the event loop threads that answer control
    /// calls keep the process's; the first cycle of one channel completes on them (R5) and GetStatus reports the channel.
    @Test func syncThreadsRunBelowTheControlPath() async throws {
        let scenario = try await ScenarioDaemon(channels: ["amazon-us"], orders: 300)
        try await scenario.start()
        try await scenario.waitForFirstCycle()
        let pid = try #require(scenario.harness.process?.pid)
        var syncNice: [Int32] = [], controlNice: [Int32] = []
        for tid in try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task").compactMap(Int32.init) {
            guard let comm = try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/comm", encoding: .utf8) else { continue }
            let nice = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(tid))
            if comm.hasPrefix("invsync-sync-") { syncNice.append(nice) }
            if comm.hasPrefix("NIO-") { controlNice.append(nice) }
        }
        let base = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(pid))
        #expect(!syncNice.isEmpty)
        #expect(syncNice.allSatisfy { $0 == max(base, 10) })
        // Control calls are answered on NIO's event loop threads: they keep the process's priority.
        #expect(!controlNice.isEmpty)
        #expect(controlNice.allSatisfy { $0 == base })
        let status: DaemonInterface.GetStatusReply = try await scenario.call(DaemonInterface.Method.getStatus.qualified)
        #expect(status.channels.map(\.name) == ["amazon-us"])
        let tasks = try await scenario.tasks("amazon-us")
        #expect(tasks.contains { $0.module == "orders" && $0.status == .succeeded })
        try await scenario.stop()
    }
}
