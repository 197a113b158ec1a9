import Foundation
import Glibc
import InvSyncInterface
import Testing
import Varlink

/// Issue 6 item 2: kill -9 at random moments while stock pushes and an orders sync run against the real sandbox,
/// each followed by a restart; at the end the invariants of R16, R18 and R22 hold.
@Suite(.serialized) struct ReliabilityKillTests {
    /// Every MFN SKU on channel `channel` linked to an item (at most `limit`).
    static func linkedMFNSkus(_ scenario: ScenarioDaemon, channel: String, limit: Int) async throws -> [String] {
        let items: InventoryInterface.ListItemsReply = try await scenario.call(
            InventoryInterface.Method.listItems.qualified, ["fulfillment": "mfn", "limit": 1000])
        var skus: [String] = []
        for item in items.items where skus.count < limit {
            let detail: InventoryInterface.GetItemReply = try await scenario.call(
                InventoryInterface.Method.getItem.qualified, ["sku": .string(item.sku)])
            if let listing = detail.listings.first(where: { $0.fulfillment == .mfn && $0.channel == channel }) {
                skus.append(listing.sku)
            }
        }
        return skus
    }

    /// What Amazon must show for `sku`: its available quantity over the warehouses, never below zero (R22).
    static func desired(_ scenario: ScenarioDaemon, _ sku: String) async throws -> Int {
        let detail: InventoryInterface.GetItemReply = try await scenario.call(
            InventoryInterface.Method.getItem.qualified, ["sku": .string(sku)])
        return max(0, detail.stock.reduce(0) { $0 + $1.available })
    }

    /// R16, R18, R22: bursts of AdjustStock on many SKUs with stock sync active and an orders sync running, killed
    /// at a random moment and restarted, `RELIABILITY_KILLS` times (30 by default; with SyncScenarioTests' 20 the
    /// suite kills 50 times). Afterwards: every pending push applied (the sandbox holds each desired quantity), each
    /// sandbox order exactly once, onHand = available + committed everywhere, no task left running.
    @Test func killNineDuringStockPushes() async throws {
        let name = "amazon-us"
        let scenario = try await ScenarioDaemon(channels: [name], orders: 300, listings: 80, lookbackDays: 30)
        try await scenario.start()
        try await scenario.waitForFirstCycle()
        let _: DaemonInterface.NoReply = try await scenario.call(
            ChannelsInterface.Method.setStockSync.qualified, ["channel": .string(name), "active": true])
        let skus = try await Self.linkedMFNSkus(scenario, channel: name, limit: 12)
        try #require(skus.count >= 4, "the sandbox seeded too few MFN listings linked to items")
        let kills = Int(ProcessInfo.processInfo.environment["RELIABILITY_KILLS"] ?? "30") ?? 30
        var adjustments = 0
        var killedWithPushesPending = 0
        let began = ContinuousClock.now
        for round in 0..<kills {
            // Half the rounds also run an orders sync, so kills land during sync and during pushes.
            if round % 2 == 0 { _ = try? await scenario.startOrders(name) }
            for sku in skus.shuffled().prefix(Int.random(in: 3...skus.count)) {
                let _: InventoryInterface.AdjustStockReply = try await scenario.call(
                    InventoryInterface.Method.adjustStock.qualified,
                    ["sku": .string(sku), "warehouse": "Main", "newQuantity": .number(Double(Int.random(in: 0...500))),
                     "reason": "count"])
                adjustments += 1
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...1200)))
            var pending = false
            for sku in skus {
                if let held = try? await StockPushScenarioTests.amazonQuantity(scenario, sku),
                   held != (try await Self.desired(scenario, sku)) { pending = true; break }
            }
            if pending { killedWithPushesPending += 1 }
            try await scenario.kill9()
            try await scenario.restart()
        }
        let killSeconds = ContinuousClock.now - began

        // R16: every pending push is eventually applied from the persistent outbox.
        var unapplied: [String] = []
        let deadline = ContinuousClock.now + .seconds(90)
        repeat {
            unapplied = []
            for sku in skus {
                let wanted = try await Self.desired(scenario, sku)
                if (try? await StockPushScenarioTests.amazonQuantity(scenario, sku)) != wanted { unapplied.append(sku) }
            }
            if unapplied.isEmpty { break }
            try await Task.sleep(for: .milliseconds(250))
        } while ContinuousClock.now < deadline
        #expect(unapplied.isEmpty, "pushes never applied after the kills: \(unapplied)")
        for sku in skus {
            let detail: InventoryInterface.GetItemReply = try await scenario.call(
                InventoryInterface.Method.getItem.qualified, ["sku": .string(sku)])
            let wanted = try await Self.desired(scenario, sku)
            #expect(detail.listings.first { $0.sku == sku }?.pushedQuantity == wanted, "\(sku): pushed quantity not recorded")
            // R22: the figures shown add up in every warehouse.
            for stock in detail.stock {
                #expect(stock.onHand == stock.available + stock.committed, "\(sku) \(stock)")
            }
        }

        // R18, R5: a final sync brings exactly Amazon's confirmed orders, each once.
        let stable = try #require(scenarioDate(try await scenario.sandbox.now()))
        var task = try await scenario.waitForTask(try await scenario.startOrders(name))
        if task.status != .succeeded { task = try await scenario.waitForTask(try await scenario.startOrders(name)) }
        #expect(task.status == .succeeded)
        let db = try await scenario.orders(name)
        let reference = try await scenario.sandbox.searchOrders(createdAfter: SyncScenarioTests.lookbackStart())
        let problems = SyncScenarioTests.compare(db, reference, stable: stable)
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        #expect(!db.isEmpty)

        // History: start-up ended every task a killed process left running.
        let running = try await scenario.tasks(nil).filter { $0.status == .running }
        #expect(running.isEmpty, "tasks still running: \(running.map(\.id))")
        try await scenario.stop()
        // R22: after the kills, each stored stock level is still its ledger's sum.
        let drift = try await ReliabilityStopTests.ledgerDrift(scenario.databasePath)
        #expect(drift.isEmpty, "stock levels differ from the ledger (item/warehouse level sum): \(drift)")
        print("[measure] reliability kill -9 during stock pushes: \(kills) kills in \(killSeconds), \(adjustments) stock adjustments on \(skus.count) SKUs, \(killedWithPushesPending) kills with a push still pending; all pushes applied, \(db.count) orders exactly once")
    }
}
