import CurlTransport
import Foundation
import Glibc
import GRDB
import InvSyncInterface
import SellingPartner

/// Issue 7 item 6: how long a seller with N existing orders waits, from the daemon's start with a new channel, until
/// every seeded order is in the database, at Amazon's real rates with the sandbox's clock scaled by the same factor
/// (so simulated time is what the seller would wait), and how many SP-API calls the orders took. Measures whatever
/// path the daemon takes (order report or searchOrders pages).
enum OrderBackfillBench {
    /// The operations that fetch orders: the report's three and the Orders API's two.
    static let orderOperations = ["createReport", "getReport", "getReportDocument", "searchOrders", "getOrder"]

    struct Result {
        var orders: Int
        /// Seeded orders in the database at the end, and those the daemon keeps (all but Pending and Cancelled).
        var present: Int
        var expected: Int
        var finished: Bool
        /// Whether an incremental orders sync was started after the first orders task ended with orders missing
        /// (those the report left out because they changed after its end: the next cycle's increment brings them).
        var incremental: Bool
        var simulatedMinutes: Double
        var realSeconds: Double
        /// SP-API calls per order operation from the orders task's start to the last seeded order stored.
        var calls: [String: Int]
        var orderCalls: Int { calls.values.reduce(0, +) }
        /// What searchOrders alone needs at its documented rate, in simulated minutes.
        var searchOrdersBoundMinutes: Double
        /// Real milliseconds the sandbox took to answer one createReport for the order report over the whole world.
        var createReportMilliseconds: Double

        var callSummary: String {
            orderOperations.compactMap { op in calls[op].flatMap { $0 > 0 ? "\(op) \($0)" : nil } }.joined(separator: ", ")
        }
    }

    /// Runs one backfill of `orders` seeded US orders (30 days, inside the daemon's 60-day look-back) with rates and
    /// clock scaled by `scale`; gives up after `budgetMinutes` simulated minutes (then `finished` is false).
    /// `backfill` sets the channel's `order_backfill` (auto, report, search); nil keeps the daemon's default.
    static func run(binDir: String, orders: Int, scale: Double, budgetMinutes: Double, backfill: String? = nil) async throws -> Result {
        let sandbox = try SandboxProcess(binDir: binDir, arguments: [
            "--marketplaces", "US", "--orders", "\(orders)", "--listings", "200", "--days", "30",
            "--rate-scale", "\(scale)", "--clock-scale", "\(scale)", "--order-report-delay", "300",
        ])
        defer { sandbox.stop() }
        let admin = SandboxAdmin(base: sandbox.base)
        let daemon = try DaemonProcess(binDir: binDir, sandbox: sandbox.base, channels: ["amazon-us"],
                                       channelSettings: backfill.map { ["order_backfill = \"\($0)\""] } ?? [])
        defer { daemon.stop() }
        let began = ContinuousClock.now
        try await daemon.start()
        let database = daemon.directory.appendingPathComponent("state/invsyncd.sqlite").path
        let deadline = began + .milliseconds(Int(budgetMinutes * 60 / scale * 1000))
        var callsBefore: [String: Int]?
        var present = 0
        var expected = orders
        var incremental = false
        while ContinuousClock.now < deadline {
            let orderTasks = ((try? await daemon.tasks()) ?? []).filter { $0.module == "orders" }
            if callsBefore == nil, !orderTasks.isEmpty {
                // The items sync runs first and reads the listings report: its report calls are not the orders'.
                callsBefore = try await admin.counts()
            }
            present = seededPresent(database: database, orders: orders)
            expected = try await keptOrders(base: sandbox.base)
            if present >= expected { break }
            if !incremental, !orderTasks.isEmpty, orderTasks.allSatisfy({ $0.status != .running }) {
                // Instead of waiting for the scheduler's next cycle, start the increment it would run.
                incremental = true
                _ = try await daemon.call(SyncInterface.Method.start.qualified, ["module": "orders", "channel": "amazon-us"],
                                          returning: SyncInterface.StartReply.self)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let elapsed = seconds(ContinuousClock.now - began)
        let after = try await admin.counts()
        var calls: [String: Int] = [:]
        for op in orderOperations { calls[op] = (after[op] ?? 0) - (callsBefore?[op] ?? 0) }
        // A daemon stopped mid-sync finishes the sync before it exits (hours on searchOrders' rate): end it now.
        if present < expected { kill(daemon.pid, SIGKILL) }
        let generation = try await createReportMilliseconds(base: sandbox.base)
        return Result(orders: orders, present: present, expected: expected, finished: present >= expected, incremental: incremental, simulatedMinutes: elapsed * scale / 60,
                      realSeconds: elapsed, calls: calls,
                      searchOrdersBoundMinutes: BackfillEfficiency.bound(orders: orders, scale: 1) / 60,
                      createReportMilliseconds: generation)
    }

    /// The seeded orders the daemon keeps now: R17 (confirmed and fulfilled) stores neither Pending orders nor orders
    /// first seen Cancelled.
    static func keptOrders(base: URL) async throws -> Int {
        let response = try await CurlTransport().send(HTTPRequest(method: "GET", url: base.appendingPathComponent("_sandbox/order-statuses")))
        let json = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        let seeded = json?["seeded"] as? [String: Any] ?? [:]
        return seeded.filter { !["PENDING", "PENDING_AVAILABILITY", "CANCELLED"].contains($0.key) }
            .values.compactMap { ($0 as? NSNumber)?.intValue }.reduce(0, +)
    }

    /// Seeded orders stored so far: the sandbox numbers them 1…N in the id's last seven digits; later arrivals are higher.
    static func seededPresent(database: String, orders: Int) -> Int {
        guard FileManager.default.fileExists(atPath: database) else { return 0 }
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? DatabaseQueue(path: database, configuration: configuration) else { return 0 }
        let count = try? queue.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sales_order WHERE CAST(substr(amazon_order_id, 13) AS INTEGER) <= ?",
                             arguments: [orders])
        }
        return count.flatMap { $0 } ?? 0
    }

    /// One createReport of the order report over the sandbox's whole world, timed from the client: the sandbox builds
    /// and gzips the document while answering.
    static func createReportMilliseconds(base: URL) async throws -> Double {
        let transport = CurlTransport()
        let form = "grant_type=refresh_token&refresh_token=Atzr%7Csandbox-refresh-token&client_id=amzn1.application-oa2-client.sandbox&client_secret=sandbox-client-secret"
        let grant = try await transport.send(HTTPRequest(method: "POST", url: base.appendingPathComponent("auth/o2/token"),
                                                         headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Data(form.utf8)))
        let token = (try JSONSerialization.jsonObject(with: grant.body) as? [String: Any])?["access_token"] as? String ?? ""
        let body = try JSONSerialization.data(withJSONObject: ["reportType": "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL",
                                                               "marketplaceIds": ["ATVPDKIKX0DER"]])
        let started = ContinuousClock.now
        let response = try await transport.send(HTTPRequest(method: "POST", url: base.appendingPathComponent("reports/2021-06-30/reports"),
                                                            headers: [("Content-Type", "application/json"), ("x-amz-access-token", token)], body: body))
        let elapsed = seconds(ContinuousClock.now - started) * 1000
        guard response.status == 202 else { throw BenchmarkFailure("createReport answered \(response.status)") }
        return elapsed
    }
}
