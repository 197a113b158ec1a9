import Foundation
import InvSyncInterface
import Varlink

/// Memory and CPU of the release invsyncd with three channels: RSS and CPU while idle after the first cycle, RSS after a
/// 100,000-order sync, and GetStatus latency over one Varlink connection while that sync runs.
enum DaemonFootprint {
    struct Idle {
        /// VmRSS once idle: 75 s after the cycle, past the daemon's idle trim (two quiet 10 s checks) and the schedulers'
        /// first 60 s recheck, whose code stays resident.
        var residentMiB: Double
        /// VmRSS 5 s after the cycle, before the idle trim.
        var residentAfterCycleMiB: Double
        var threads: Int
        /// CPU used in each 10 s window, as a percentage of one core.
        var cpuPercent: [Double]
    }

    struct Loaded {
        var residentMiB: Double
        var threads: Int
        var orders: Int
        var seconds: Double
        /// GetStatus round trips (ms), in three consecutive segments of the sync.
        var latencySegments: [[Double]]
    }

    static let channels = ["amazon-us", "amazon-us-2", "amazon-us-3"]
    /// The loaded run's sandbox niceness: it stands for Amazon's remote servers, which take no CPU on the seller's machine.
    static let sandboxNiceness = 10

    /// Idle after the first cycle of three channels on a demo-sized sandbox (2,000 orders): RSS 5 s and 75 s after, then CPU over
    /// `cpuWindows` × 10 s.
    static func idle(binDir: String, environment: [String: String], cpuWindows: Int) async throws -> Idle {
        let sandbox = try SandboxProcess(binDir: binDir, arguments: ["--marketplaces", "US", "--orders", "2000", "--listings", "500",
                                                                    "--rate-scale", "1000", "--clock-scale", "60"])
        defer { sandbox.stop() }
        let daemon = try DaemonProcess(binDir: binDir, sandbox: sandbox.base, channels: channels, environment: environment)
        defer { daemon.stop() }
        try await daemon.start()
        try await daemon.waitForFirstCycle()
        try await Task.sleep(for: .seconds(5))  // let the cycle's last work and the stock activation settle
        let afterCycle = daemon.residentMiB()
        try await Task.sleep(for: .seconds(70))
        let resident = daemon.residentMiB()
        var cpu: [Double] = []
        for _ in 0..<cpuWindows {
            let before = daemon.cpuSeconds()
            let started = ContinuousClock.now
            try await Task.sleep(for: .seconds(10))
            cpu.append((daemon.cpuSeconds() - before) / seconds(ContinuousClock.now - started) * 100)
        }
        return Idle(residentMiB: resident, residentAfterCycleMiB: afterCycle, threads: daemon.threads(), cpuPercent: cpu)
    }

    /// Three channels each syncing `ordersPerChannel` orders; GetStatus is called back to back (5 ms apart) on one
    /// connection until the cycle ends, then RSS is read.
    static func loaded(binDir: String, ordersPerChannel: Int, environment: [String: String]) async throws -> Loaded {
        let sandbox = try SandboxProcess(binDir: binDir, arguments: ["--marketplaces", "US", "--orders", "\(ordersPerChannel)", "--listings", "500",
                                                                    "--days", "30", "--rate-scale", "1000000", "--clock-scale", "60"],
                                    niceness: sandboxNiceness)
        defer { sandbox.stop() }
        let daemon = try DaemonProcess(binDir: binDir, sandbox: sandbox.base, channels: channels, environment: environment)
        defer { daemon.stop() }
        let started = ContinuousClock.now
        try await daemon.start()
        let client = try await VarlinkClient.connect(path: daemon.socketPath)
        var latencies: [Double] = []
        var cycleDone = false
        var lastCheck = ContinuousClock.now
        while !cycleDone {
            let began = ContinuousClock.now
            _ = try await client.call(DaemonInterface.Method.getStatus.qualified, parameters: [String: JSONValue](),
                                      returning: DaemonInterface.GetStatusReply.self)
            latencies.append(seconds(ContinuousClock.now - began) * 1000)
            try await Task.sleep(for: .milliseconds(5))
            if ContinuousClock.now - lastCheck > .seconds(1) {
                lastCheck = ContinuousClock.now
                let all = try await daemon.tasks()
                cycleDone = channels.allSatisfy { name in
                    ["items", "orders"].allSatisfy { module in all.contains { $0.channel == name && $0.module == module && $0.status != .running } }
                }
                if ContinuousClock.now - started > .seconds(900) { throw BenchmarkFailure("the 3-channel sync did not end in 15 minutes") }
            }
        }
        await client.close()
        let elapsed = seconds(ContinuousClock.now - started)
        let orders = try await daemon.tasks().filter { $0.module == "orders" }.reduce(0) { $0 + $1.synced }
        let third = max(1, latencies.count / 3)
        let segments = [Array(latencies[0..<min(third, latencies.count)]), Array(latencies[min(third, latencies.count)..<min(2 * third, latencies.count)]),
                        Array(latencies[min(2 * third, latencies.count)...])]
        try await Task.sleep(for: .seconds(2))
        return Loaded(residentMiB: daemon.residentMiB(), threads: daemon.threads(), orders: orders, seconds: elapsed, latencySegments: segments)
    }
}
