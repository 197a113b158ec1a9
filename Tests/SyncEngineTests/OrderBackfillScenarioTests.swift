import Foundation
import Inventory
import InventoryStore
import SandboxHarness
import SellerCentralSandbox
import SellingPartner
import Testing
@testable import SyncEngine

/// The order backfill through Amazon's order report against the real sandbox (issue 7): same result as searchOrders,
/// fallbacks that say so, buyer data where it is needed, the hand-over cursor.
@Suite struct OrderBackfillScenarioTests {
    /// One store synced from a shared sandbox: a real SQLite file with a vault, the order sync on a given path.
    final class Store {
        let directory: URL
        let db: AppDatabase
        let sync: OrderSync
        let us = try! ChannelName("amazon-us")

        init(_ sandbox: SandboxHarness, clock: any WallClock, path: OrderBackfillPath, pageSize: Int = 100,
             mode: OrderSyncMode) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("invsync-backfill-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            db = try AppDatabase.open(path: directory.appendingPathComponent("inventory.sqlite").path, vaultKey: OrderSyncFixture.vaultKey)
            try db.setPrimaryWarehouse(name: "Main")
            let channel = Channel(name: us, marketplace: .us, sellerId: sandbox.configuration.sellerId)
            try db.registerChannels([channel])
            try db.addWarehouse(name: "Amazon FBA US", kind: .fba)
            try db.setStockSync(channel: us, active: true, fbaWarehouse: "Amazon FBA US", mappedWarehouse: nil)
            try db.setOrderSyncMode(mode)
            let environment = SyncEnvironment(
                database: db, channels: [.init(channel: channel, client: sandbox.client(), orderBackfill: path)], clock: clock,
                orderPageSize: pageSize)
            sync = OrderSync(environment: environment, reportPollInterval: .milliseconds(20), reportTimeout: .seconds(60))
        }

        deinit {
            db.close()
            try? FileManager.default.removeItem(at: directory)
        }

        func initial() async -> SyncOutcome { await sync.run(SyncRequest(channel: us, module: .orders, trigger: .initial)) }

        /// Everything but PII and Amazon's item ids (the report has none): orders, lines, statuses, stock by SKU.
        func comparable() throws -> (orders: [String: String], stock: [String: String]) {
            var orders: [String: String] = [:]
            var skus = Set<String>()
            for o in try db.orders(channel: us, limit: 1_000_000) {
                let lines = o.lines.map { "\($0.sku)|\($0.asin ?? "-")|\($0.quantity)|\($0.quantityShipped)|\($0.unitPrice?.description ?? "-")" }
                    .sorted()
                skus.formUnion(o.lines.map(\.sku))
                orders[o.amazonOrderId] = [
                    o.status.rawValue, o.fulfillmentChannel.rawValue, "\(o.forceFulfilled)", o.warehouse, o.customerName, o.comments,
                    "\(o.purchasedAt.timeIntervalSince1970)", "\(o.lastUpdatedAt.timeIntervalSince1970)",
                    "\(o.fulfilledAt?.timeIntervalSince1970 ?? -1)",
                ].joined(separator: ",") + " " + lines.joined(separator: ";")
            }
            var stock: [String: String] = [:]
            for sku in skus {
                let levels = try db.stock(sku: sku).map { "\($0.warehouse):\($0.onHand)/\($0.committed)/\($0.available)" }.sorted()
                let moves = try db.stockMovements(sku: sku, limit: 10_000).map { "\($0.warehouse):\($0.delta):\($0.kind)" }.sorted()
                stock[sku] = levels.joined(separator: ",") + " " + moves.joined(separator: ",")
            }
            return (orders, stock)
        }

        /// MFN orders still to ship, and how many of them have buyer data in the vault (R30).
        func mfnToShip() throws -> (count: Int, withBuyer: Int) {
            let open = try db.orders(channel: us, limit: 1_000_000).filter { $0.fulfillmentChannel == .mfn && $0.status.isConfirmed }
            return (open.count, open.filter { $0.piiState == .present }.count)
        }
    }

    /// A sandbox whose clock stands still (so both stores see the same Amazon) and whose order report is ready at once.
    /// `rateScale`: the sandbox's rates against Amazon's (the harness runs them 10,000× faster unless told).
    static func sandbox(orders: Int = 600, delay: Double = 0, rateScale: Double? = nil) async throws -> SandboxHarness {
        try await SandboxHarness.start { c in
            c.marketplaces = ["US"]
            c.orders = orders
            c.clockScale = 0
            c.orderReportDelay = delay
            if let rateScale { c.rateScale = rateScale }
        }
    }

    static func requests(_ sandbox: SandboxHarness) async throws -> [String: Int] {
        let all = try await sandbox.admin("GET", "counts")
        var result: [String: Int] = [:]
        for (operation, value) in all["operations"] as? [String: Any] ?? [:] {
            result[operation] = (value as? [String: Any])?["requests"] as? Int ?? 0
        }
        return result
    }

    @Test func theReaderAndTheStoreAgreeOnReportLineIds() {
        // R18: the store ties a report line to Amazon's item id by this prefix; SellingPartner writes it.
        #expect(OrdersReport.reportLineIdPrefix == AppDatabase.reportLineIdPrefix)
    }

    @Test(arguments: [OrderSyncMode.confirmed, .confirmedAndFulfilled])
    func theReportAndSearchOrdersGiveTheSameDatabase(mode: OrderSyncMode) async throws {
        // Issue 7 item 5, R5, R17, R18, R27: the same seeded orders, once through the report, once through searchOrders.
        let sandbox = try await Self.sandbox()
        defer { sandbox.stop() }
        let clock = try await OrderSandboxClock(sandbox: sandbox)
        let viaReport = try Store(sandbox, clock: clock, path: .report, mode: mode)
        let viaSearch = try Store(sandbox, clock: clock, path: .search, mode: mode)

        try await sandbox.admin("DELETE", "counts")
        let reportOutcome = await viaReport.initial()
        let reportCalls = try await Self.requests(sandbox)
        let reportSearches = try #require(try await sandbox.admin("GET", "call-log")["calls"] as? [[String: Any]])
            .filter { $0["operation"] as? String == "searchOrders" }.compactMap { $0["query"] as? String }
        try await sandbox.admin("DELETE", "counts")
        let searchOutcome = await viaSearch.initial()
        let searchCalls = try await Self.requests(sandbox)
        #expect(reportOutcome.status == .finished(synced: reportOutcome.synced, failed: 0), "\(reportOutcome)")
        #expect(searchOutcome.status == .finished(synced: searchOutcome.synced, failed: 0), "\(searchOutcome)")

        let a = try viaReport.comparable(), b = try viaSearch.comparable()
        #expect(a.orders.count > 50)
        #expect(a.orders.count == b.orders.count)
        for (id, order) in b.orders where a.orders[id] != order {
            Issue.record("order \(id): report \(a.orders[id] ?? "missing") ≠ search \(order)")
        }
        for (sku, stock) in b.stock where a.stock[sku] != stock {
            Issue.record("SKU \(sku): report \(a.stock[sku] ?? "missing") ≠ search \(stock)")
        }
        // R30: the report has no buyer data; the MFN orders still to ship got theirs through searchOrders.
        let open = try viaReport.mfnToShip()
        #expect(open.count > 0 && open.withBuyer == open.count)
        // Decision 2: the report's end minus the overlap is where the increment starts; within Amazon's lag of the search's.
        let cursorA = try #require(try viaReport.db.orderCursor(channel: viaReport.us))
        let cursorB = try #require(try viaSearch.db.orderCursor(channel: viaSearch.us))
        #expect(abs(cursorA.timeIntervalSince(cursorB)) < 10)
        #expect(reportCalls["createReport"] == 1 && reportCalls["getReportDocument"] == 1)
        // The orders came from the report: searchOrders only for the hand-over by last update and the buyer pass (MFN
        // orders to ship), never a fallback search of the look-back by creation. (The searchOrders path's own calls
        // are no yardstick: on a channel holding no orders it asks only for what R17 creates, a page or two here.)
        #expect(reportSearches.count == reportCalls["searchOrders"] ?? 0)
        #expect(reportSearches.contains { $0.contains("lastUpdatedAfter=") })
        #expect(reportSearches.allSatisfy { $0.contains("lastUpdatedAfter=") || $0.contains("fulfilledBy=MERCHANT") })
        #expect(searchCalls["searchOrders"] ?? 0 > 0)
        let reportTask = try #require(reportOutcome.task)
        let records = try #require(try viaReport.db.task(id: reportTask)).1
        #expect(!records.contains { $0.kind == "report" })
        print("backfill calls mode=\(mode) orders=\(a.orders.count) report=\(reportCalls.sorted { $0.key < $1.key }) search=\(searchCalls.sorted { $0.key < $1.key })")
    }

    @Test(arguments: ["fatal", "cancelled"])
    func aReportThatDoesNotEndDoneFallsBackToSearchOrdersAndSaysSo(outcome: String) async throws {
        // Issue 7 item 5: FATAL and CANCELLED reports; history names the report and the fallback.
        let sandbox = try await Self.sandbox(orders: 300, delay: 1)
        defer { sandbox.stop() }
        let clock = try await OrderSandboxClock(sandbox: sandbox)
        let store = try Store(sandbox, clock: clock, path: .report, mode: .confirmedAndFulfilled)
        let reference = try Store(sandbox, clock: clock, path: .search, mode: .confirmedAndFulfilled)
        try await sandbox.admin("POST", "faults", ["operation": "createReport", "kind": outcome, "count": 1,
                                                   "reportType": OrdersReport.reportType])
        // The frozen clock moves only when told: let the report's time pass while the engine polls.
        let advancing = Task {
            for _ in 0..<50 where !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(50))
                _ = try? await sandbox.admin("POST", "clock/advance", ["seconds": 1])
            }
        }
        let result = await store.initial()
        advancing.cancel()
        await advancing.value  // no admin call may be in flight when the sandbox stops
        _ = await reference.initial()
        #expect(result.status == .finished(synced: result.synced, failed: 0), "\(result)")
        let task = try #require(result.task)
        let records = try #require(try store.db.task(id: task)).1
        let note = try #require(records.first { $0.kind == "report" })
        #expect(note.outcome == .skipped)
        #expect(note.reason?.contains(outcome == "fatal" ? "FATAL" : "cancelled") == true)
        #expect(note.reason?.contains("fell back to searchOrders") == true)
        // The fallback fetched the window: the same orders as searchOrders alone.
        #expect(try Set(store.comparable().orders.keys) == Set(reference.comparable().orders.keys))
        #expect(try store.comparable().orders.count > 50)
        #expect(try store.db.orderCursor(channel: store.us) != nil)
    }

    @Test func autoPicksTheReportForALargeWindowAndSearchOrdersForASmallOne() async throws {
        // Issue 7 item 1: the threshold from the rate limits. With 10 orders a page the break-even is 221 orders at
        // Amazon's rates, which the sandbox applies here (the rule reads the rate Amazon announces).
        let rule = OrderBackfillThreshold(pageSize: 10)
        #expect(rule.breakEvenOrders == 221)
        for (orders, expectReport) in [(600, true), (60, false)] {
            let sandbox = try await Self.sandbox(orders: orders, rateScale: 1)
            defer { sandbox.stop() }
            let clock = try await OrderSandboxClock(sandbox: sandbox)
            let store = try Store(sandbox, clock: clock, path: .auto, pageSize: 10, mode: .confirmedAndFulfilled)
            let outcome = await store.initial()
            #expect(outcome.status == .finished(synced: outcome.synced, failed: 0), "\(outcome)")
            let calls = try await Self.requests(sandbox)
            #expect((calls["createReport"] ?? 0) == (expectReport ? 1 : 0), "\(orders) orders: \(calls)")
            #expect(try store.comparable().orders.count > orders / 4)
        }
    }

    @Test func aTimeframeGoesThroughTheReportAndKeepsToItsCreationWindow() async throws {
        // R8: a timeframe by creation; the report (by last update) holds more, which is left out; the cursor stays.
        let sandbox = try await Self.sandbox()
        defer { sandbox.stop() }
        let clock = try await OrderSandboxClock(sandbox: sandbox)
        let store = try Store(sandbox, clock: clock, path: .report, mode: .confirmedAndFulfilled)
        let reference = try Store(sandbox, clock: clock, path: .search, mode: .confirmedAndFulfilled)
        let frame = DateInterval(start: clock.now().addingTimeInterval(-20 * 86_400), end: clock.now().addingTimeInterval(-10 * 86_400))
        let request = SyncRequest(channel: store.us, module: .orders, trigger: .timeframe, timeframe: frame)
        let outcome = await store.sync.run(request)
        _ = await reference.sync.run(request)
        #expect(outcome.status == .finished(synced: outcome.synced, failed: 0), "\(outcome)")
        let a = try store.comparable(), b = try reference.comparable()
        #expect(a.orders.count > 10)
        #expect(a.orders == b.orders)
        #expect(try store.db.orderCursor(channel: store.us) == nil)
    }
}
