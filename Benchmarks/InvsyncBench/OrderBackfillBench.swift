import CurlTransport
import Foundation
import Glibc
import GRDB
import InvSyncInterface
import SellingPartner

/// Issue 7 item 6 (R5): how long a seller with N existing orders waits, from the daemon's start with a new channel,
/// until every order that existed at that instant and that the daemon keeps (R17) is in the database, at Amazon's real
/// rates with the sandbox's clock scaled by the same factor (so simulated time is what the seller would wait), how many
/// SP-API calls the orders took, and where the time went. Measures whatever path the daemon takes (order report or
/// searchOrders pages).
enum OrderBackfillBench {
    /// The operations that fetch orders: the report's three and the Orders API's two.
    static let orderOperations = ["createReport", "getReport", "getReportDocument", "searchOrders", "getOrder"]
    /// Statuses R17 (confirmed and fulfilled) does not store when an order is first seen in them.
    static let unkept: Set<String> = ["PENDING", "PENDING_AVAILABILITY", "CANCELLED"]
    static let orderReportType = "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL"

    struct Result {
        var orders: Int
        var scale: Double
        /// Orders that existed at the daemon's start and that it keeps (not Pending, not Cancelled then), and how many
        /// of them are in the database at the end.
        var expected: Int
        var present: Int
        /// Of `expected`, those missing at the end that were cancelled since: first seen Cancelled, R17 never stores them.
        var cancelledSince: Int
        var finished: Bool
        /// Whether an incremental orders sync was started after the first orders task ended with orders missing.
        var incremental: Bool
        /// Start → all `expected` present (or the budget, when not finished), simulated and real.
        var simulatedMinutes: Double
        var realSeconds: Double
        var timeline: BackfillTimeline
        /// The seeded orders kept by the sandbox's final state and how many of them are stored: the old measure, which
        /// also counts orders that left Pending during the run (the incremental sync's work, not the backfill's).
        var finalKept: Int
        var finalPresent: Int
        /// SP-API calls per order operation from the orders task's start to the end of the run.
        var calls: [String: Int]
        var orderCalls: Int { calls.values.reduce(0, +) }
        /// What searchOrders alone needs at its documented rate, in simulated minutes.
        var searchOrdersBoundMinutes: Double
        /// Real milliseconds the sandbox took to answer one createReport for the order report over the whole world.
        var createReportMilliseconds: Double

        var callSummary: String {
            orderOperations.compactMap { op in calls[op].flatMap { $0 > 0 ? "\(op) \($0)" : nil } }.joined(separator: ", ")
        }

        var state: String {
            (finished ? "all \(expected) orders kept at the start present" : "NOT finished: \(present) of \(expected) orders kept at the start present when stopped")
                + (cancelledSince > 0 ? " (\(cancelledSince) more cancelled since, never stored by R17)" : "")
                + (incremental ? "; one incremental sync started when the first orders task ended" : "")
                + "; final state: \(finalPresent) of \(finalKept) seeded orders kept now present"
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
        let timelineAdmin = SandboxTimelineAdmin(base: sandbox.base)
        let daemon = try DaemonProcess(binDir: binDir, sandbox: sandbox.base, channels: ["amazon-us"],
                                       channelSettings: backfill.map { ["order_backfill = \"\($0)\""] } ?? [])
        defer { daemon.stop() }
        // The promise is about the orders that exist when the seller authorises: fix them at the daemon's start.
        let began = ContinuousClock.now
        let start = try await timelineAdmin.snapshot()
        let expectedIds = Set(start.statuses.filter { !unkept.contains($0.value) }.keys)
        try await daemon.start()
        func minutes(_ instant: ContinuousClock.Instant) -> Double { seconds(instant - began) * scale / 60 }
        func minutes(simulated: Double) -> Double { (simulated - start.now) / 60 }
        let database = daemon.directory.appendingPathComponent("state/invsyncd.sqlite").path
        let deadline = began + .milliseconds(Int(budgetMinutes * 60 / scale * 1000))
        var timeline = BackfillTimeline()
        var callsBefore: [String: Int]?
        var missing = expectedIds
        var excused: Set<String> = []
        var lastCount = -1
        var lastExcuseCheck = began
        var incremental = false
        var firstOrdersTask: Int64?
        while ContinuousClock.now < deadline {
            let tasks = (try? await daemon.tasks()) ?? []
            let now = ContinuousClock.now
            if timeline.itemsDone == nil, tasks.contains(where: { $0.module == "items" && $0.status != .running }) { timeline.itemsDone = minutes(now) }
            let orderTasks = tasks.filter { $0.module == "orders" }.sorted { $0.id < $1.id }
            if firstOrdersTask == nil, let first = orderTasks.first {
                // The items sync runs first and reads the listings report: its report calls are not the orders'.
                firstOrdersTask = first.id
                timeline.ordersStarted = minutes(now)
                callsBefore = try await admin.counts()
            }
            let firstEnded = orderTasks.first.map { $0.status != .running } ?? false
            if timeline.ordersEnded == nil, firstEnded { timeline.ordersEnded = minutes(now) }
            if let count = storedCount(database: database), count != lastCount {
                lastCount = count
                let before = missing.count
                missing.subtract(storedIds(database: database))
                if missing.count < before { timeline.lastArrival = minutes(now) }
            }
            if !missing.isEmpty, missing.count <= 500, now - lastExcuseCheck > .seconds(3) {
                // An order cancelled after the start and first seen Cancelled is never stored (R17): not a miss.
                lastExcuseCheck = now
                let statuses = try await timelineAdmin.snapshot().statuses
                let cancelled = missing.filter { statuses[$0] == "CANCELLED" }
                excused.formUnion(cancelled)
                missing.subtract(cancelled)
            }
            if missing.isEmpty, timeline.allPresent == nil { timeline.allPresent = timeline.lastArrival ?? minutes(now) }
            if missing.isEmpty, firstEnded { break }
            if !incremental, firstEnded, !missing.isEmpty {
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
        // The sandbox's side of the timeline: the order report's creation and end, the polls, the document fetch.
        if let report = try await timelineAdmin.reports().first(where: { $0.type == orderReportType }) {
            timeline.createReport = minutes(simulated: report.created)
            timeline.reportDone = report.processingEnd.map { minutes(simulated: $0) }
            let operations = try await timelineAdmin.calls().operations
            timeline.polls = (operations["getReport"]?.times ?? []).filter { $0 >= report.created }.map { minutes(simulated: $0) }
            timeline.documentFetched = (operations["getReportDocument"]?.times ?? []).first { $0 >= report.created }.map { minutes(simulated: $0) }
            if let fetched = (operations["getReportDocument"]?.times ?? []).first(where: { $0 >= report.created }) {
                timeline.searchesAfterDocument = (operations["searchOrders"]?.times ?? []).filter { $0 >= fetched }.map { minutes(simulated: $0) }
            }
        }
        // The daemon's log goes with its directory: keep a copy to read what each phase did.
        let logCopy = FileManager.default.temporaryDirectory.appendingPathComponent("invsync-bench-backfill-\(orders).log")
        try? FileManager.default.removeItem(at: logCopy)
        try? FileManager.default.copyItem(at: daemon.directory.appendingPathComponent("daemon.log"), to: logCopy)
        let finalKept = try await keptOrders(base: sandbox.base)
        let finalPresent = seededPresent(database: database, orders: orders)
        // A daemon stopped mid-sync finishes the sync before it exits (hours on searchOrders' rate): end it now.
        if !missing.isEmpty || timeline.ordersEnded == nil { kill(daemon.pid, SIGKILL) }
        let generation = try await createReportMilliseconds(base: sandbox.base)
        let finished = missing.isEmpty
        return Result(orders: orders, scale: scale, expected: expectedIds.count - excused.count, present: expectedIds.count - excused.count - missing.count,
                      cancelledSince: excused.count, finished: finished, incremental: incremental,
                      simulatedMinutes: finished ? timeline.allPresent ?? 0 : elapsed * scale / 60,
                      realSeconds: finished ? (timeline.allPresent ?? 0) * 60 / scale : elapsed, timeline: timeline,
                      finalKept: finalKept, finalPresent: finalPresent, calls: calls,
                      searchOrdersBoundMinutes: BackfillEfficiency.bound(orders: orders, scale: 1) / 60,
                      createReportMilliseconds: generation)
    }

    /// Orders stored so far, all channels (the benchmark's daemon has one); nil before the database exists.
    static func storedCount(database: String) -> Int? {
        guard FileManager.default.fileExists(atPath: database) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? DatabaseQueue(path: database, configuration: configuration) else { return nil }
        return (try? queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sales_order") }).flatMap { $0 }
    }

    /// The Amazon order ids stored so far.
    static func storedIds(database: String) -> Set<String> {
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? DatabaseQueue(path: database, configuration: configuration) else { return [] }
        return Set((try? queue.read { db in try String.fetchAll(db, sql: "SELECT amazon_order_id FROM sales_order") }) ?? [])
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

extension OrderBackfillBench {
    /// `make bench`'s order backfill block: 10,000 and 50,000 orders with the daemon's default path, each row's note
    /// carrying the timeline, which is also printed.
    ///
    /// Clock scale: the daemon polls getReport after 15 s and then every 30 s of REAL time (the listings report's
    /// polls double to 120 s), so a scaled clock turns each poll into `scale` × 30 s of simulated time. At 10 that
    /// added up to ~3 simulated minutes; at 3 the polls land 15 s (listings, DONE at 90 s) and 15 s (orders, DONE at
    /// 300 s) after DONE, near the 15 s they land at scale 1, and a run takes ~2½ real minutes instead of ~7 at
    /// scale 1. INVSYNC_BENCH_BACKFILL_SCALE overrides it. A run stops after 16 simulated minutes (past the target,
    /// so the verdict is known; 320 real seconds at scale 3), keeping the block under ~6 real minutes when both finish.
    static func record(into runner: inout BenchmarkRunner, binDir: String) async throws {
        let scale = ProcessInfo.processInfo.environment["INVSYNC_BENCH_BACKFILL_SCALE"].flatMap(Double.init) ?? 3
        let budget = 16.0
        for size in [10_000, 50_000] {
            let r = try await run(binDir: binDir, orders: size, scale: scale, budgetMinutes: budget)
            print("order backfill, \(size) orders, scale \(scale): \(r.state) (daemon log: /tmp/invsync-bench-backfill-\(size).log)")
            for line in r.timeline.lines { print("  " + line) }
            let sandboxNote = "sandbox --rate-scale = --clock-scale \(String(format: "%g", scale)), --order-report-delay 300"
            runner.record("order backfill: \(size) orders, start → all kept-at-start present", unit: "sim. min", target: "< 15 min", meets: { $0 < 15 },
                          note: "\(sandboxNote); daemon default path; \(r.state); \(String(format: "%.1f", r.realSeconds)) s real; \(r.timeline.summary)",
                          samples: [r.simulatedMinutes])
            runner.record("order backfill: \(size) orders, SP-API calls for the orders", unit: "calls", target: "< 50", meets: { $0 < 50 },
                          note: "from the orders task's start to the run's end: \(r.callSummary.isEmpty ? "none" : r.callSummary); searchOrders-only needs \((size + 99) / 100) pages",
                          samples: [Double(r.orderCalls)])
            runner.record("order backfill: \(size) orders, searchOrders-only bound", unit: "sim. min",
                          note: "(pages − burst 20) / 0.0056 req/s, 100 orders a page", samples: [r.searchOrdersBoundMinutes])
            runner.record("sandbox: order report createReport, \(size) orders", unit: "ms", target: "< 1,000 ms", meets: { $0 < 1000 },
                          note: "release spapi-sandbox builds every row and gzips (level 1) while answering; one call after the backfill",
                          samples: [r.createReportMilliseconds])
        }
    }
}
