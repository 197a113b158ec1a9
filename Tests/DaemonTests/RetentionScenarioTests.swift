import Foundation
import Glibc
import InvSyncInterface
import Testing
import Varlink

/// R12, R31, R35: the retention reaper and the PII purge of a real invsyncd whose wall clock the test moves. The daemon
/// runs under libfaketime, which reads the clock's offset from a file on every reading of the clock, so a month passes between
/// two calls while the monotonic clock, the sandbox and the test keep real time.
@Suite(.serialized) struct RetentionScenarioTests {
    /// libfaketime's multithreaded preload library (Debian package `faketime`, installed by `make test-deps`).
    static let faketimeLibrary: String? = {
        let base = "/usr/lib"
        let triples = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        return triples.map { "\(base)/\($0)/faketime/libfaketimeMT.so.1" }.first { FileManager.default.fileExists(atPath: $0) }
    }()

    struct Clock {
        let file: String
        /// Moves the daemon's wall clock to real time plus `days`.
        func set(daysAhead days: Int) throws {
            try "+\(days)d\n".write(toFile: file, atomically: true, encoding: .utf8)
        }
        var environment: [String: String] {
            ["LD_PRELOAD": RetentionScenarioTests.faketimeLibrary ?? "", "FAKETIME_TIMESTAMP_FILE": file,
             "FAKETIME_NO_CACHE": "1", "FAKETIME_DONT_FAKE_MONOTONIC": "1"]
        }
    }

    @Test func historyAndBuyerDataExpireOnTheDaemonsClock() async throws {
        _ = try #require(Self.faketimeLibrary, "libfaketime is missing: install the Debian package faketime (make test-deps)")
        let name = "amazon-us"
        let scenario = try await ScenarioDaemon(channels: [name], orders: 400)
        let clock = Clock(file: scenario.harness.directory + "/faketime")
        try clock.set(daysAhead: 0)
        // Through env(1): a Swift program started directly with libfaketime preloaded sees no arguments (the preload's
        // constructor moves the environment, from whose address the Swift runtime finds argv), so --config was lost.
        try await scenario.start(
            environment: clock.environment, executable: "/usr/bin/env",
            arguments: [DaemonHarness.binary("invsyncd"), "--config", scenario.harness.configPath])
        try await scenario.waitForFirstCycle()
        // R17: fulfilled orders too, so the database holds closed orders whose buyer data must go.
        let _: DaemonInterface.NoReply = try await scenario.call(
            ChannelsInterface.Method.setOrderSyncMode.qualified, ["mode": "confirmedAndFulfilled"])
        // R17 widened: the run sweeps the look-back once for the fulfilled orders (OrderSyncModeMemory).
        let started = try await scenario.startOrders(name)
        #expect(try await scenario.waitForTask(started).status == .succeeded)
        // No sync while the clock jumps: the daemon would ask Amazon about its own future.
        let _: DaemonInterface.NoReply = try await scenario.call(
            ChannelsInterface.Method.setEnabled.qualified, ["channel": .string(name), "enabled": .bool(false)])

        let before = try await scenario.orders(name)
        let withPII = before.filter { $0.piiState == .present }
        let closed = withPII.filter { $0.fulfilledAt != nil }
        let open = withPII.filter { $0.fulfilledAt == nil }
        #expect(closed.count > 20 && open.count > 20, "closed \(closed.count), open \(open.count)")
        let tasks = try await scenario.tasks(nil)
        let succeeded = tasks.filter { $0.status == .succeeded }
        #expect(succeeded.count >= 2, "\(tasks.map { ($0.module, $0.status) })")

        // Today: only buyer data fulfilled more than 30 days ago may go (R31); a dry run deletes nothing.
        let dueNow = closed.filter { order in
            scenarioDate(order.fulfilledAt ?? "").map { $0.addingTimeInterval(30 * 86_400) <= Date() } ?? false
        }
        let dry: DaemonInterface.ReapReply = try await scenario.call(DaemonInterface.Method.reap.qualified, ["dryRun": .bool(true)])
        #expect(dry.piiPurged >= dueNow.count && dry.piiPurged <= dueNow.count + 2, "dry run \(dry), due now \(dueNow.count)")
        #expect(dry.historyDeleted == 0)
        #expect(try await scenario.orders(name).filter { $0.piiState == .present }.count == withPII.count)

        // 31 days on: every fulfilled or cancelled order's buyer data is purged, the orders stay (R31); the month-old
        // succeeded history is deleted (R12).
        try clock.set(daysAhead: 31)
        let reaped: DaemonInterface.ReapReply = try await scenario.call(DaemonInterface.Method.reap.qualified, [:])
        #expect(reaped.piiPurged == closed.count)
        #expect(reaped.historyDeleted == succeeded.count)
        let after = try await scenario.orders(name)
        #expect(after.count == before.count)
        let state = Dictionary(after.map { ($0.amazonOrderId, $0.piiState) }, uniquingKeysWith: { a, _ in a })
        #expect(closed.allSatisfy { state[$0.amazonOrderId] == .purged })
        #expect(open.allSatisfy { state[$0.amazonOrderId] == .present })  // still to ship: kept
        // Failed and partial history is kept two months (R12).
        #expect(try await scenario.tasks(nil).map(\.id).sorted() == tasks.filter { $0.status != .succeeded }.map(\.id).sorted())

        // Two months on, no more buyer data is due (open orders keep theirs until fulfilled); the rest of the history goes.
        try clock.set(daysAhead: 62)
        let again: DaemonInterface.ReapReply = try await scenario.call(DaemonInterface.Method.reap.qualified, [:])
        #expect(again.piiPurged == 0)
        #expect(again.historyDeleted == tasks.count - succeeded.count)
        print("[measure] reap on the daemon's clock: \(closed.count) buyers purged of \(withPII.count), \(succeeded.count) + \(tasks.count - succeeded.count) tasks deleted, \(open.count) open orders kept")
        try await scenario.stop()
    }
}
