import Foundation
import Glibc
import InvSyncInterface
import Inventory
import InventoryStore
import Testing
import Varlink

/// The real invsyncd answering io.invsync.Channels, io.invsync.Sync, io.invsync.Inventory and Daemon.Reap over its
/// socket, with a database seeded beforehand (and written to while it runs) through the real store.
@Suite(.serialized) struct ControlInterfaceTests {
    static let ukChannel = """
        [[channel]]
        name = "amazon-uk"
        marketplace = "UK"
        seller_id = "A2TESTSELLERUK"
        client_id = "amzn1.application-oa2-client.test"
        client_secret_file = "client-secret"
        refresh_token_file = "refresh-token"
        endpoint = "http://127.0.0.1:9"
        token_endpoint = "http://127.0.0.1:9/auth/o2/token"
        """
    static let us = try! ChannelName("amazon-us")

    /// A daemon with the US and UK channels; `multiWarehouse` sets [organization] multi_warehouse.
    static func daemon(multiWarehouse: Bool = false, daemonExtra: String = "") throws -> DaemonHarness {
        let daemon = try DaemonHarness(channels: DaemonHarness.usChannel + "\n\n" + ukChannel, daemonExtra: daemonExtra)
        let text = try String(contentsOfFile: daemon.configPath, encoding: .utf8)
            .replacingOccurrences(of: "primary_warehouse = \"Main\"", with: "primary_warehouse = \"Main\"\nmulti_warehouse = \(multiWarehouse)")
        try text.write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
        return daemon
    }

    /// The daemon's database file, opened by the test as a second writer (SQLite WAL), as `invsyncd` lays it out.
    static func store(_ daemon: DaemonHarness) throws -> AppDatabase {
        try FileManager.default.createDirectory(atPath: daemon.directory + "/state", withIntermediateDirectories: true)
        return try AppDatabase.open(path: daemon.directory + "/state/invsyncd.sqlite")
    }

    /// Seeds what a sync would have written: tasks with records, a retry, listings (creating items), an order.
    static func seed(_ db: AppDatabase) throws -> (succeeded: SyncTask.ID, failed: SyncTask.ID, orderId: SalesOrder.ID) {
        try db.registerChannels([Channel(name: us, marketplace: .us, sellerId: "A2TESTSELLER")])
        try db.setPrimaryWarehouse(name: "Main")
        let now = Date()
        let succeeded = try db.startTask(channel: us, module: .items, trigger: .scheduled, now: now.addingTimeInterval(-120))
        _ = try db.upsertListings(
            channel: us,
            listings: [IncomingListing(sku: "MUG-RED", asin: "B000MUG001", title: "Red mug"), IncomingListing(sku: "MUG-BLUE", asin: "B000MUG002", title: "Blue mug")],
            task: succeeded, now: now)
        try db.addRecords(task: succeeded, [TaskRecord(recordId: "MUG-RED", kind: "listing", outcome: .synced), TaskRecord(recordId: "MUG-BLUE", kind: "listing", outcome: .synced)])
        _ = try db.finishTask(succeeded, now: now.addingTimeInterval(-100))
        let failed = try db.startTask(channel: us, module: .orders, trigger: .manual, now: now.addingTimeInterval(-60))
        try db.addRecords(task: failed, [TaskRecord(recordId: "111-2222222-3333333", kind: "order", outcome: .failed, reason: "Amazon answered 500; retried later")])
        _ = try db.finishTask(failed, now: now.addingTimeInterval(-50))
        try db.enqueueRetry(
            channel: us, module: .orders, kind: "order", recordId: "111-2222222-3333333", nextAttemptAt: now.addingTimeInterval(600),
            lastError: "Amazon answered 500", task: failed, now: now)
        let order = IncomingOrder(
            amazonOrderId: "111-4444444-5555555", status: .unshipped, fulfillmentChannel: .mfn, purchasedAt: now.addingTimeInterval(-3600),
            lastUpdatedAt: now.addingTimeInterval(-1800),
            lines: [IncomingOrderLine(lineId: "L1", sku: "MUG-RED", asin: "B000MUG001", quantity: 2, unitPrice: try Money(amount: "9.50", currency: "USD"))])
        let results = try db.upsertOrders(channel: us, orders: [order], cursor: now)
        return (succeeded, failed, try #require(results.first?.orderId))
    }

    static func call<R: Decodable & Sendable>(_ daemon: DaemonHarness, _ method: String, _ parameters: [String: JSONValue] = [:]) async throws -> R {
        let client = try await VarlinkClient.connect(path: daemon.socketPath)
        defer { Task { await client.close() } }
        return try await client.call(method, parameters: parameters, returning: R.self)
    }

    /// The named error a call fails with (or nil if it succeeds).
    static func error(_ daemon: DaemonHarness, _ method: String, _ parameters: [String: JSONValue] = [:]) async throws -> VarlinkError? {
        do {
            let _: JSONValue = try await call(daemon, method, parameters)
            return nil
        } catch let error as VarlinkError {
            return error
        }
    }

    static func status(_ daemon: DaemonHarness) async throws -> DaemonInterface.ChannelStatus {
        let reply: DaemonInterface.GetStatusReply = try await call(daemon, DaemonInterface.Method.getStatus.qualified)
        return try #require(reply.channels.first { $0.name == "amazon-us" })
    }

    static func stop(_ daemon: DaemonHarness) async throws {
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    // R6, R17: channel preferences change over the socket and show in GetStatus; named errors otherwise.
    @Test func channelPreferences() async throws {
        let daemon = try Self.daemon()
        try daemon.start()
        try await daemon.notify.waitFor("READY=1")
        let m = ChannelsInterface.Method.self

        let refused = try #require(try await Self.error(daemon, m.setSyncInterval.qualified, ["channel": "amazon-us", "minutes": 45]))
        #expect(refused.name == ChannelsInterface.ErrorName.intervalNotAllowed)
        #expect(refused.parameters["allowed"] == .array([30, 60, 90, 120, 150, 180, 210, 240].map { .number(Double($0)) }))
        let _: DaemonInterface.NoReply = try await Self.call(daemon, m.setSyncInterval.qualified, ["channel": "amazon-us", "minutes": 90])
        let _: DaemonInterface.NoReply = try await Self.call(daemon, m.setEnabled.qualified, ["channel": "amazon-us", "enabled": false])
        let _: DaemonInterface.NoReply = try await Self.call(daemon, m.setStockSync.qualified, ["channel": "amazon-us", "active": true])
        var status = try await Self.status(daemon)
        #expect(status.syncIntervalMinutes == 90)
        #expect(status.enabled == false)
        #expect(status.stockSync == .active)

        let missing = try await Self.error(daemon, m.setEnabled.qualified, ["channel": "amazon-xx", "enabled": true])
        #expect(missing?.name == ChannelsInterface.ErrorName.noSuchChannel)
        #expect(missing?.parameters["channel"] == "amazon-xx")

        // R17: global, and persisted.
        let _: DaemonInterface.NoReply = try await Self.call(daemon, m.setOrderSyncMode.qualified, ["mode": "confirmedAndFulfilled"])
        #expect(try Self.store(daemon).orderSyncMode() == .confirmedAndFulfilled)

        // FBA: the warehouse must exist; US channels only; mapping needs multi_warehouse.
        #expect(try await Self.error(daemon, m.setFBAWarehouse.qualified, ["channel": "amazon-us", "warehouse": "FBA-US"])?.name
            == ChannelsInterface.ErrorName.noSuchWarehouse)
        let _: InventoryInterface.AddWarehouseReply = try await Self.call(daemon, InventoryInterface.Method.addWarehouse.qualified, ["name": "FBA-US"])
        #expect(try await Self.error(daemon, m.setFBAWarehouse.qualified, ["channel": "amazon-uk", "warehouse": "FBA-US"])?.name
            == ChannelsInterface.ErrorName.notAllowed)
        let _: DaemonInterface.NoReply = try await Self.call(daemon, m.setFBAWarehouse.qualified, ["channel": "amazon-us", "warehouse": "FBA-US"])
        status = try await Self.status(daemon)
        #expect(status.fbaWarehouse == "FBA-US")
        let notAllowed = try await Self.error(daemon, m.setWarehouseMapping.qualified, ["channel": "amazon-us", "warehouse": "FBA-US"])
        #expect(notAllowed?.name == ChannelsInterface.ErrorName.notAllowed)
        guard case .string(let reason)? = notAllowed?.parameters["reason"] else { Issue.record("no reason"); return }
        #expect(reason.contains("multi_warehouse"))
        // Null turns FBA off.
        let _: DaemonInterface.NoReply = try await Self.call(daemon, m.setFBAWarehouse.qualified, ["channel": "amazon-us", "warehouse": .null])
        #expect(try await Self.status(daemon).fbaWarehouse == nil)
        try await Self.stop(daemon)
    }

    // R24: FBA tracking and warehouse mapping exclude each other (Conflict), with multi_warehouse on.
    @Test func fbaAndMappingConflict() async throws {
        let daemon = try Self.daemon(multiWarehouse: true)
        try daemon.start()
        try await daemon.notify.waitFor("READY=1")
        let m = ChannelsInterface.Method.self
        for name in ["East", "FBA-US"] {
            let _: InventoryInterface.AddWarehouseReply = try await Self.call(daemon, InventoryInterface.Method.addWarehouse.qualified, ["name": .string(name)])
        }
        #expect(try await Self.error(daemon, InventoryInterface.Method.addWarehouse.qualified, ["name": "East"])?.name
            == InventoryInterface.ErrorName.warehouseExists)
        let _: DaemonInterface.NoReply = try await Self.call(daemon, m.setWarehouseMapping.qualified, ["channel": "amazon-us", "warehouse": "East"])
        #expect(try await Self.status(daemon).mappedWarehouse == "East")
        let conflict = try await Self.error(daemon, m.setFBAWarehouse.qualified, ["channel": "amazon-us", "warehouse": "FBA-US"])
        #expect(conflict?.name == ChannelsInterface.ErrorName.conflict)
        let _: DaemonInterface.NoReply = try await Self.call(daemon, m.setWarehouseMapping.qualified, ["channel": "amazon-us", "warehouse": .null])
        let _: DaemonInterface.NoReply = try await Self.call(daemon, m.setFBAWarehouse.qualified, ["channel": "amazon-us", "warehouse": "FBA-US"])
        #expect(try await Self.error(daemon, m.setWarehouseMapping.qualified, ["channel": "amazon-us", "warehouse": "East"])?.name
            == ChannelsInterface.ErrorName.conflict)
        let status = try await Self.status(daemon)
        #expect(status.fbaWarehouse == "FBA-US")
        #expect(status.mappedWarehouse == nil)
        try await Self.stop(daemon)
    }

    // Bad parameters are InvalidParameter naming the field.
    @Test func badParametersNameTheField() async throws {
        let daemon = try Self.daemon()
        try daemon.start()
        try await daemon.notify.waitFor("READY=1")
        let cases: [(String, [String: JSONValue], String)] = [
            (ChannelsInterface.Method.setSyncInterval.qualified, ["channel": "amazon-us", "minutes": "sixty"], "minutes"),
            (ChannelsInterface.Method.setEnabled.qualified, ["enabled": true], "channel"),
            (ChannelsInterface.Method.setOrderSyncMode.qualified, ["mode": "everything"], "mode"),
            (SyncInterface.Method.listTasks.qualified, ["status": "bogus"], "status"),
            (SyncInterface.Method.listTasks.qualified, ["limit": 0], "limit"),
            (InventoryInterface.Method.adjustStock.qualified, ["sku": "A", "warehouse": "Main", "reason": "count"], "quantityDelta"),
            (InventoryInterface.Method.adjustStock.qualified, ["sku": "A", "warehouse": "Main", "quantityDelta": 1, "newQuantity": 2, "reason": "count"], "newQuantity"),
            (InventoryInterface.Method.listOrders.qualified, ["status": "lost"], "status"),
        ]
        for (method, parameters, field) in cases {
            let error = try await Self.error(daemon, method, parameters)
            #expect(error?.name == "org.varlink.service.InvalidParameter", "\(method)")
            #expect(error?.parameters["parameter"] == .string(field), "\(method) \(parameters)")
        }
        try await Self.stop(daemon)
    }

    // R11, R12: history and retries as the store holds them; NoSuchTask for an unknown id.
    @Test func historyAndRetries() async throws {
        let daemon = try Self.daemon()
        let seeded = try Self.seed(try Self.store(daemon))
        try daemon.start()
        try await daemon.notify.waitFor("READY=1")
        let list: SyncInterface.ListTasksReply = try await Self.call(daemon, SyncInterface.Method.listTasks.qualified)
        #expect(list.tasks.map(\.id) == [seeded.failed, seeded.succeeded])
        #expect(list.tasks.first?.status == .failed)
        let onlyFailed: SyncInterface.ListTasksReply = try await Self.call(
            daemon, SyncInterface.Method.listTasks.qualified, ["channel": "amazon-us", "status": "failed", "limit": 10])
        #expect(onlyFailed.tasks.map(\.id) == [seeded.failed])
        let one: SyncInterface.GetTaskReply = try await Self.call(daemon, SyncInterface.Method.getTask.qualified, ["id": .number(Double(seeded.failed))])
        #expect(one.task.module == "orders")
        #expect(one.records == [SyncInterface.TaskRecord(recordId: "111-2222222-3333333", kind: "order", outcome: "failed", reason: "Amazon answered 500; retried later")])
        let missing = try await Self.error(daemon, SyncInterface.Method.getTask.qualified, ["id": 424242])
        #expect(missing?.name == SyncInterface.ErrorName.noSuchTask)
        #expect(try await Self.error(daemon, SyncInterface.Method.listTasks.qualified, ["channel": "nope"])?.name == SyncInterface.ErrorName.noSuchChannel)
        let retries: SyncInterface.ListRetriesReply = try await Self.call(daemon, SyncInterface.Method.listRetries.qualified)
        #expect(retries.retries.map(\.recordId) == ["111-2222222-3333333"])
        #expect(retries.retries.first?.lastError == "Amazon answered 500")

        // The CLI: a table by default, the reply as JSON with --json.
        let table = try await daemon.ctl(["history"])
        #expect(table.status == 0, "\(table.err)")
        #expect(table.out.hasPrefix("ID"))
        #expect(table.out.contains("amazon-us") && table.out.contains("failed") && table.out.contains("succeeded"))
        let show = try await daemon.ctl(["history", "show", String(seeded.failed), "--json"])
        let decoded = try JSONDecoder().decode(SyncInterface.GetTaskReply.self, from: Data(show.out.utf8))
        #expect(decoded == one)
        let unknown = try await daemon.ctl(["history", "show", "424242"])
        #expect(unknown.status == 1)
        #expect(unknown.err.contains("io.invsync.Sync.NoSuchTask") && unknown.err.contains("invsyncctl history"))
        let queue = try await daemon.ctl(["retries"])
        #expect(queue.out.contains("111-2222222-3333333"))
        try await Self.stop(daemon)
    }

    // R13, R26, R32: items, listings, stock adjustments and orders (no PII) over the socket and the CLI.
    @Test func inventoryReadsAndWrites() async throws {
        let daemon = try Self.daemon()
        let seeded = try Self.seed(try Self.store(daemon))
        try daemon.start()
        try await daemon.notify.waitFor("READY=1")
        let m = InventoryInterface.Method.self

        let items: InventoryInterface.ListItemsReply = try await Self.call(daemon, m.listItems.qualified)
        #expect(items.items.map(\.sku) == ["MUG-BLUE", "MUG-RED"])
        #expect(items.items.allSatisfy { !$0.confirmed })  // R13: created from listings, unconfirmed
        let page: InventoryInterface.ListItemsReply = try await Self.call(daemon, m.listItems.qualified, ["after": "MUG-BLUE", "limit": 5])
        #expect(page.items.map(\.sku) == ["MUG-RED"])
        let unconfirmed: InventoryInterface.ListingsReply = try await Self.call(daemon, m.listUnconfirmed.qualified)
        #expect(unconfirmed.listings.count == 2)
        let _: DaemonInterface.NoReply = try await Self.call(daemon, m.confirm.qualified, ["channel": "amazon-us", "listing": "MUG-RED"])
        let afterConfirm: InventoryInterface.ListingsReply = try await Self.call(daemon, m.listUnconfirmed.qualified)
        #expect(afterConfirm.listings.map(\.sku) == ["MUG-BLUE"])
        #expect(try await Self.error(daemon, m.link.qualified, ["channel": "amazon-us", "listing": "NOPE", "sku": "MUG-RED"])?.name
            == InventoryInterface.ErrorName.noSuchListing)
        let _: DaemonInterface.NoReply = try await Self.call(daemon, m.link.qualified, ["channel": "amazon-us", "listing": "MUG-BLUE", "sku": "MUG-RED"])
        var item: InventoryInterface.GetItemReply = try await Self.call(daemon, m.getItem.qualified, ["sku": "MUG-RED"])
        #expect(Set(item.listings.map(\.sku)) == ["MUG-RED", "MUG-BLUE"])
        let _: DaemonInterface.NoReply = try await Self.call(daemon, m.unlink.qualified, ["channel": "amazon-us", "listing": "MUG-BLUE"])

        // The order commits 2 units; counting 10 on hand leaves 8 available.
        let adjusted: InventoryInterface.AdjustStockReply = try await Self.call(
            daemon, m.adjustStock.qualified, ["sku": "MUG-RED", "warehouse": "Main", "newQuantity": 10, "reason": "stock count"])
        item = try await Self.call(daemon, m.getItem.qualified, ["sku": "MUG-RED"])
        #expect(item.stock == adjusted.stock)
        let main = try #require(item.stock.first { $0.warehouse == "Main" })
        #expect(main.onHand == 10)
        #expect(main.committed == 2)
        #expect(main.available == 8)
        #expect(item.listings.map(\.sku) == ["MUG-RED"])
        #expect(try await Self.error(daemon, m.adjustStock.qualified, ["sku": "MUG-RED", "warehouse": "Nowhere", "quantityDelta": 1, "reason": "x"])?.name
            == InventoryInterface.ErrorName.noSuchWarehouse)
        #expect(try await Self.error(daemon, m.adjustStock.qualified, ["sku": "MUG-RED", "warehouse": "Main", "newQuantity": -1, "reason": "x"])?.name
            == InventoryInterface.ErrorName.invalidQuantity)
        #expect(try await Self.error(daemon, m.getItem.qualified, ["sku": "NOPE"])?.name == InventoryInterface.ErrorName.noSuchItem)

        // R32: orders by local or Amazon id, with piiState only.
        let orders: InventoryInterface.ListOrdersReply = try await Self.call(daemon, m.listOrders.qualified, ["channel": "amazon-us", "status": "unshipped"])
        #expect(orders.orders.map(\.id) == [seeded.orderId])
        let byAmazon: InventoryInterface.GetOrderReply = try await Self.call(daemon, m.getOrder.qualified, ["id": "111-4444444-5555555"])
        let byLocal: InventoryInterface.GetOrderReply = try await Self.call(daemon, m.getOrder.qualified, ["id": .string(String(seeded.orderId))])
        #expect(byAmazon == byLocal)
        #expect(byAmazon.order.lines.map(\.quantity) == [2])
        #expect(byAmazon.order.lines.first?.unitPrice == "9.50")
        #expect(byAmazon.order.piiState == .none)
        let raw: JSONValue = try await Self.call(daemon, m.getOrder.qualified, ["id": "111-4444444-5555555"])
        guard case .object(let reply) = raw, case .object(let order)? = reply["order"] else { Issue.record("not an object"); return }
        #expect(Set(order.keys).isDisjoint(with: ["buyer", "buyerName", "buyerEmail", "address", "recipient"]))
        #expect(try await Self.error(daemon, m.getOrder.qualified, ["id": "999"])?.name == InventoryInterface.ErrorName.noSuchOrder)

        // The CLI.
        let show = try await daemon.ctl(["item", "show", "MUG-RED"])
        #expect(show.status == 0, "\(show.err)")
        #expect(show.out.contains("MUG-RED: Red mug"))
        #expect(show.out.contains("Main") && show.out.contains("10") && show.out.contains("8"))
        let adjust = try await daemon.ctl(["item", "adjust", "MUG-RED", "Main", "--by", "-3", "--reason", "broken"])
        #expect(adjust.out.contains("changed by -3"), "\(adjust.err)")
        let both = try await daemon.ctl(["item", "adjust", "MUG-RED", "Main", "--by", "1", "--set", "4", "--reason", "x"])
        #expect(both.status == 2)
        let orderList = try await daemon.ctl(["order", "list"])
        #expect(orderList.out.contains("111-4444444-5555555") && orderList.out.contains("none"))
        let orderShow = try await daemon.ctl(["order", "show", "111-4444444-5555555"])
        #expect(orderShow.out.contains("buyer data none") && orderShow.out.contains("9.50 USD"), "\(orderShow.out)\(orderShow.err)")
        let warehouses = try await daemon.ctl(["warehouse", "list", "--json"])
        let decoded = try JSONDecoder().decode(InventoryInterface.ListWarehousesReply.self, from: Data(warehouses.out.utf8))
        #expect(decoded.warehouses.first == InventoryInterface.Warehouse(name: "Main", isPrimary: true, kind: "regular"))
        try await Self.stop(daemon)
    }

    // R12, R31: Reap over the socket counts with dryRun and deletes without; CLI `reap`.
    @Test func reapOverTheSocket() async throws {
        let daemon = try Self.daemon()
        let db = try Self.store(daemon)
        _ = try Self.seed(db)
        try daemon.start()
        try await daemon.notify.waitFor("READY=1")
        // Written while the daemon runs (its own pass at start-up has already happened).
        let old = try db.startTask(channel: Self.us, module: .items, trigger: .scheduled, now: Date().addingTimeInterval(-40 * 86_400))
        _ = try db.finishTask(old, now: Date().addingTimeInterval(-40 * 86_400 + 10))
        let dry: DaemonInterface.ReapReply = try await Self.call(daemon, DaemonInterface.Method.reap.qualified, ["dryRun": true])
        #expect(dry == DaemonInterface.ReapReply(historyDeleted: 1, piiPurged: 0))
        #expect(try db.task(id: old) != nil)
        let cli = try await daemon.ctl(["reap"])
        #expect(cli.status == 0, "\(cli.err)")
        #expect(cli.out.contains("Deleted 1 sync task"))
        #expect(try db.task(id: old) == nil)
        #expect(try db.tasks().count == 2)  // the recent ones stay
        db.close()
        try await Self.stop(daemon)
    }

    // The control group reads history, items and orders, but may not change anything; the CLI says so.
    @Test func controlGroupReadsButDoesNotWrite() async throws {
        guard let group = getgrgid(65534) else { return }
        let name = String(cString: group.pointee.gr_name)
        let daemon = try Self.daemon(daemonExtra: "control_group = \"\(name)\"")
        try daemon.start()
        try await daemon.notify.waitFor("READY=1")
        for read in [["history"], ["retries"], ["item", "list"], ["order", "list"], ["warehouse", "list"]] {
            let result = try await daemon.ctl(read, runAs: 65534)
            #expect(result.status == 0, "\(read): \(result.err)")
        }
        for write in [["channel", "disable", "amazon-us"], ["warehouse", "add", "East"], ["reap", "--dry-run"], ["channel", "order-mode", "confirmed"]] {
            let result = try await daemon.ctl(write, runAs: 65534)
            #expect(result.status == 1, "\(write)")
            #expect(result.err.contains("io.invsync.Daemon.PermissionDenied"), "\(write): \(result.err)")
        }
        #expect(try await Self.status(daemon).enabled)
        try await Self.stop(daemon)
    }

    // The CLI for channels: a refused interval lists the allowed values and exits 1.
    @Test func channelCommands() async throws {
        let daemon = try Self.daemon()
        try daemon.start()
        try await daemon.notify.waitFor("READY=1")
        let refused = try await daemon.ctl(["channel", "interval", "amazon-us", "45"])
        #expect(refused.status == 1)
        #expect(refused.err.contains("io.invsync.Channels.IntervalNotAllowed"))
        #expect(refused.err.contains("allowed=30,60,90,120,150,180,210,240"))
        let ok = try await daemon.ctl(["channel", "interval", "amazon-us", "150"])
        #expect(ok.out == "Channel amazon-us now syncs every 2h30m.\n")
        let disable = try await daemon.ctl(["channel", "disable", "amazon-us"])
        #expect(disable.status == 0)
        let status = try await daemon.ctl(["status"])
        #expect(status.out.contains("2h30m"))
        let usage = try await daemon.ctl(["channel", "fba", "amazon-us"])
        #expect(usage.status == 2)
        try await Self.stop(daemon)
    }
}

// Literal parameters keep the calls above readable.
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
