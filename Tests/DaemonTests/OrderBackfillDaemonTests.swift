import Foundation
import Glibc
import InvSyncInterface
import Testing
import Varlink

/// Issue 7: the order backfill through Amazon's order report in the real daemon against the real sandbox, with
/// kill -9 while Amazon generates the report and again right after its document is fetched (download, row upsert).
@Suite(.serialized) struct OrderBackfillDaemonTests {
    static func requests(_ scenario: ScenarioDaemon, _ operation: String) async -> Int {
        (try? await scenario.sandbox.counts())?[operation]?["requests"] ?? 0
    }

    /// R5, R18, R22, R30, decision 2: after two kills and restarts the backfill ends with every order once, each
    /// line's stock taken once, the MFN orders to ship with buyer data in the vault, and the increment takes over.
    @Test func killNineDuringTheOrderReportResumesWithoutDuplicates() async throws {
        let name = "amazon-us"
        // 300 simulated seconds of report generation at clock-scale 10: a 30-second window to kill in.
        let scenario = try await ScenarioDaemon(channels: [name], orders: 1500, listings: 100, lookbackDays: 30, clockScale: 10)
        try scenario.harness.writeConfig(
            channels: scenario.sandbox.channel(name) + "order_backfill = \"report\"\n", daemonExtra: "vault_key_file = \"vault.key\"")
        let began = ContinuousClock.now
        try await scenario.start()

        // Kill 1: the report is requested and Amazon is generating it.
        try await scenarioEventually(timeout: .seconds(90)) { await Self.requests(scenario, "createReport") >= 1 }
        try await scenario.kill9()
        try await scenario.restart()
        // The restarted daemon has no cursor: the look-back runs again (a new report; the upsert is idempotent).
        if await Self.requests(scenario, "createReport") < 2 { _ = try? await scenario.startOrders(name) }

        // Kill 2: the document was just fetched; the download and the page upserts run now.
        try await scenarioEventually(timeout: .seconds(120)) { await Self.requests(scenario, "getReportDocument") >= 1 }
        // Every other round waits for the first stored page, so the kill lands in the row upsert rather than the download.
        if Bool.random() {
            try? await scenarioEventually(timeout: .seconds(3)) {
                (try? await ReliabilityStopTests.query(scenario.databasePath, "SELECT count(*) FROM sales_order")) != ["0"]
            }
        }
        try await scenario.kill9()
        let storedAtKill = try await ReliabilityStopTests.query(scenario.databasePath, "SELECT count(*) FROM sales_order")
        try await scenario.restart()

        // The third run completes.
        let run = try await scenario.startOrders(name)
        let task = try await scenario.waitForTask(run, timeout: .seconds(180))
        #expect(task.status == .succeeded, "\(task)")
        let backfillSeconds = ContinuousClock.now - began
        let counts = try await scenario.sandbox.counts()

        // R18: one order per Amazon order id, one line per order item, each line's stock taken exactly once.
        let db = scenario.databasePath
        let duplicates = try await ReliabilityStopTests.query(db, """
            SELECT count(*) FROM (SELECT 1 FROM sales_order GROUP BY channel, amazon_order_id HAVING count(*) > 1)
            """)
        #expect(duplicates == ["0"])
        let badLedger = try await ReliabilityStopTests.query(db, """
            SELECT count(*) FROM sales_order_line l JOIN sales_order o ON o.id = l.sales_order
            WHERE l.item IS NOT NULL AND (SELECT coalesce(sum(delta), 0) FROM stock_movement m WHERE m.order_line = l.id)
                != CASE WHEN o.status IN ('cancelled', 'unfulfillable') THEN 0 ELSE -l.quantity END
            """)
        #expect(badLedger == ["0"])
        // R30: the report carries no buyer data; every MFN order still to ship got it into the vault.
        let withoutBuyer = try await ReliabilityStopTests.query(db, """
            SELECT count(*) FROM sales_order WHERE fulfillment_channel = 'MFN'
            AND status IN ('unshipped', 'partiallyShipped') AND pii_state != 'present'
            """)
        #expect(withoutBuyer == ["0"])
        let openMFN = try await ReliabilityStopTests.query(db, """
            SELECT count(*) FROM sales_order WHERE fulfillment_channel = 'MFN' AND status IN ('unshipped', 'partiallyShipped')
            """)
        #expect((Int(openMFN.first ?? "0") ?? 0) > 0)

        // Decision 2: the increment takes over from the report's end; afterwards the store equals Amazon's orders.
        let stable = try #require(scenarioDate(try await scenario.sandbox.now()))
        let increment = try await scenario.waitForTask(try await scenario.startOrders(name))
        #expect(increment.status == .succeeded)
        let orders = try await scenario.orders(name)
        let reference = try await scenario.sandbox.searchOrders(createdAfter: SyncScenarioTests.lookbackStart())
        // The reference starts a little inside the daemon's 30 days; an order between the two starts is Amazon's too.
        let edge = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-30.2 * 86400))
        let wide = Set(try await scenario.sandbox.searchOrders(createdAfter: edge).map(\.id))
        let problems = SyncScenarioTests.compare(orders, reference, stable: stable).filter { problem in
            !(problem.hasPrefix("unknown to Amazon ") && wide.contains(String(problem.dropFirst("unknown to Amazon ".count))))
        }
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        #expect(orders.count > 100)
        let running = try await scenario.tasks(nil).filter { $0.status == .running }
        #expect(running.isEmpty, "tasks still running: \(running.map(\.id))")
        try await scenario.stop()
        let calls = counts.filter { $0.key.contains("Report") || $0.key == "searchOrders" }
            .map { "\($0.key)=\($0.value["requests"] ?? 0)" }.sorted().joined(separator: " ")
        print("[measure] order backfill with kill -9 twice (during generation, after the document): \(orders.count) orders once, \(storedAtKill.first ?? "?") stored at the second kill, \(backfillSeconds) to the completed backfill at clock-scale 10; calls: \(calls)")
    }

    /// Issue 7 item 2, R30, decision 2: a kill -9 in the buyer-data phase finds the cursor already written and every
    /// order stored; the next run resumes the buyer data from the store, asking only for what still waits.
    @Test func killNineDuringTheBuyerDataPhaseKeepsTheCursorAndResumes() async throws {
        let name = "amazon-us"
        let scenario = try await ScenarioDaemon(channels: [name], orders: 4000, listings: 100, lookbackDays: 30, clockScale: 10)
        try scenario.harness.writeConfig(
            channels: scenario.sandbox.channel(name) + "order_backfill = \"report\"\n", daemonExtra: "vault_key_file = \"vault.key\"")
        // Every searchOrders takes 2 s: the hand-over is one call, then each buyer window one more, so the kill lands
        // between windows of the buyer phase.
        try await scenario.sandbox.admin("POST", "/faults", ["operation": "searchOrders", "kind": "delay", "delayMs": 2000, "count": 10_000])
        try await scenario.start()
        let db = scenario.databasePath
        let withBuyerSQL = """
            SELECT count(*) FROM sales_order WHERE fulfillment_channel = 'MFN'
            AND status IN ('unshipped', 'partiallyShipped') AND pii_state = 'present'
            """
        let count = { @Sendable (sql: String) async -> Int in
            Int((try? await ReliabilityStopTests.query(db, sql))?.first ?? "0") ?? 0
        }
        // The hand-over's page writes the cursor (its orders come with buyer data); then the buyer windows follow.
        try await scenarioEventually(timeout: .seconds(180)) { await count("SELECT count(*) FROM order_cursor") == 1 }
        let atHandOver = await count(withBuyerSQL)
        try await scenarioEventually(timeout: .seconds(60)) { await count(withBuyerSQL) >= atHandOver + 50 }
        try await scenario.kill9()

        // Decision 2: the cursor was written before the buyer data; every order of the report is stored.
        let cursor = try await ReliabilityStopTests.query(db, "SELECT count(*) FROM order_cursor")
        #expect(cursor == ["1"])
        let stored = Int(try await ReliabilityStopTests.query(db, "SELECT count(*) FROM sales_order").first ?? "0") ?? 0
        #expect(stored > 300)
        let waitingSQL = """
            SELECT count(*) FROM sales_order o WHERE fulfillment_channel = 'MFN' AND status IN ('unshipped', 'partiallyShipped')
            AND pii_state = 'none' AND NOT EXISTS (SELECT 1 FROM order_buyer_request r WHERE r.sales_order = o.id)
            """
        let waitingAtKill = Int(try await ReliabilityStopTests.query(db, waitingSQL).first ?? "0") ?? 0
        let doneAtKill = Int(try await ReliabilityStopTests.query(db, withBuyerSQL).first ?? "0") ?? 0
        #expect(waitingAtKill >= 100, "the kill came too late to leave work for the next run")
        // The vault blobs of the orders done before the kill: an order asked again would get a new one.
        let doneVaults = Set(try await ReliabilityStopTests.query(db, """
            SELECT amazon_order_id || ':' || vault FROM sales_order WHERE pii_state = 'present'
            """))

        let lastTaskAtKill = Int64(try await ReliabilityStopTests.query(db, "SELECT max(id) FROM sync_task").first ?? "0") ?? 0
        try await scenario.sandbox.admin("DELETE", "/faults")
        try await scenario.sandbox.admin("DELETE", "/counts")
        try await scenario.restart()
        let run = try await scenario.startOrders(name)
        let task = try await scenario.waitForTask(run, timeout: .seconds(180))
        #expect(task.status == .succeeded, "\(task)")
        let calls = await Self.requests(scenario, "searchOrders")

        // R30: nothing waits any more; the resumed runs asked about one call per 100 waiting orders (plus the
        // increments), not the whole set again.
        #expect(try await ReliabilityStopTests.query(db, waitingSQL) == ["0"])
        let windows = (waitingAtKill + 99) / 100
        let increments = try await scenario.tasks(name).filter { $0.module == "orders" && $0.id > lastTaskAtKill }.count
        #expect(calls <= windows + 2 * max(increments, 1) + 1, "\(calls) searchOrders for \(waitingAtKill) waiting at the kill")
        let after = Set(try await ReliabilityStopTests.query(db, """
            SELECT amazon_order_id || ':' || vault FROM sales_order WHERE pii_state = 'present'
            """))
        // Orders Amazon changed since (clock-scale 10), and the hand-over's orders that lie inside a window's creation
        // range, come back with fresh buyer data in the same calls; the orders the buyer windows did keep their blob.
        let reSealed = doneVaults.subtracting(after).count
        #expect(reSealed <= atHandOver + doneVaults.count / 10, "\(reSealed) of \(doneVaults.count) orders done before the kill were fetched again")
        let duplicates = try await ReliabilityStopTests.query(db, """
            SELECT count(*) FROM (SELECT 1 FROM sales_order GROUP BY channel, amazon_order_id HAVING count(*) > 1)
            """)
        #expect(duplicates == ["0"])
        try await scenario.stop()
        print("[measure] kill -9 in the buyer phase: \(stored) orders stored and the cursor written at the kill, \(doneAtKill) open MFN orders with buyer data, \(waitingAtKill) waiting; resumed with \(calls) searchOrders calls (\(windows) windows' worth), \(reSealed) re-sealed")
    }
}
