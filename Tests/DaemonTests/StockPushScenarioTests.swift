import Foundation
import Glibc
import InvSyncInterface
import Testing
import Varlink

/// Issue 5 item 2: the real invsyncd pushing stock to the real spapi-sandbox (a child process), read back through the
/// sandbox's admin API with curl (R16, decision 4).
@Suite(.serialized) struct StockPushScenarioTests {
    /// A started daemon with one US channel after its first cycle, stock sync on, and an MFN SKU linked to an item.
    static func started() async throws -> (ScenarioDaemon, String) {
        let scenario = try await ScenarioDaemon(channels: ["amazon-us"], orders: 20, listings: 40)
        try await scenario.start()
        try await scenario.waitForFirstCycle()
        let _: DaemonInterface.NoReply = try await scenario.call(
            ChannelsInterface.Method.setStockSync.qualified, ["channel": "amazon-us", "active": true])
        let items: InventoryInterface.ListItemsReply = try await scenario.call(
            InventoryInterface.Method.listItems.qualified, ["fulfillment": "mfn", "limit": 1000])
        for item in items.items {
            let detail: InventoryInterface.GetItemReply = try await scenario.call(
                InventoryInterface.Method.getItem.qualified, ["sku": .string(item.sku)])
            if let listing = detail.listings.first(where: { $0.fulfillment == .mfn && $0.channel == "amazon-us" }) {
                return (scenario, listing.sku)
            }
        }
        throw TestFailure("the sandbox seeded no MFN listing linked to an item")
    }

    /// Counts `quantity` on hand in Main; returns the quantity Amazon must then show: what is available (on hand
    /// less what open orders hold), never below zero (R22).
    @discardableResult
    static func adjust(_ scenario: ScenarioDaemon, _ sku: String, to quantity: Int) async throws -> Int {
        let _: InventoryInterface.AdjustStockReply = try await scenario.call(
            InventoryInterface.Method.adjustStock.qualified,
            ["sku": .string(sku), "warehouse": "Main", "newQuantity": .number(Double(quantity)), "reason": "count"])
        let detail: InventoryInterface.GetItemReply = try await scenario.call(
            InventoryInterface.Method.getItem.qualified, ["sku": .string(sku)])
        return max(0, detail.stock.reduce(0) { $0 + $1.available })
    }

    static func amazonQuantity(_ scenario: ScenarioDaemon, _ sku: String) async throws -> Int? {
        (try await scenario.sandbox.admin("GET", "/listings/US/\(sku)")["quantity"] as? NSNumber)?.intValue
    }

    /// R16, decision 4: a stock change committed just before a SIGKILL is pushed after the restart, from the
    /// persistent outbox: the sandbox ends holding the desired quantity.
    @Test func changeBeforeKillIsPushedAfterRestart() async throws {
        let (scenario, sku) = try await Self.started()
        // The activation pushes every MFN listing's desired quantity first; wait until the outbox drained that.
        try await scenarioEventually(timeout: .seconds(60)) {
            let detail: InventoryInterface.GetItemReply = try await scenario.call(
                InventoryInterface.Method.getItem.qualified, ["sku": .string(sku)])
            return detail.listings.first { $0.sku == sku }?.pushedQuantity != nil
        }
        let before = try await Self.amazonQuantity(scenario, sku)
        let desired = try await Self.adjust(scenario, sku, to: (before ?? 0) + 41)
        // Killed inside the coalescing window: the push has not happened yet.
        try await scenario.kill9()
        #expect(try await Self.amazonQuantity(scenario, sku) == before)
        try await scenario.restart()
        try await scenarioEventually(timeout: .seconds(30)) { (try? await Self.amazonQuantity(scenario, sku)) == desired }
        let detail: InventoryInterface.GetItemReply = try await scenario.call(
            InventoryInterface.Method.getItem.qualified, ["sku": .string(sku)])
        #expect(detail.listings.first { $0.sku == sku }?.pushedQuantity == desired)
        try await scenario.stop()
    }

    /// R16: latency from AdjustStock's reply to the sandbox holding the quantity, over 50 changes (p50/p99 printed, not
    /// asserted), each change one patchListingsItem.
    @Test func pushLatency() async throws {
        let (scenario, sku) = try await Self.started()
        // Let the activation's initial push (every MFN listing) finish first.
        try await scenarioEventually(timeout: .seconds(60)) {
            (try? await scenario.sandbox.counts()["patchListingsItem"]?["requests"]).map { $0 > 0 } ?? false
        }
        try await Task.sleep(for: .seconds(3))
        let before = try await scenario.sandbox.counts()["patchListingsItem"]?["requests"] ?? 0
        var latencies: [Double] = []
        for n in 1...50 {
            let began = ContinuousClock.now
            let desired = try await Self.adjust(scenario, sku, to: 100 + n)
            while try await Self.amazonQuantity(scenario, sku) != desired {
                if ContinuousClock.now - began > .seconds(30) {
                    print(scenario.harness.log.split(separator: "\n").suffix(40).joined(separator: "\n"))
                    throw TestFailure("change \(n) not pushed within 30 s")
                }
                try await Task.sleep(for: .milliseconds(5))
            }
            let elapsed = ContinuousClock.now - began
            latencies.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        let after = try await scenario.sandbox.counts()["patchListingsItem"]?["requests"] ?? 0
        latencies.sort()
        let p50 = latencies[latencies.count / 2]
        let p99 = latencies[min(latencies.count - 1, Int(Double(latencies.count) * 0.99))]
        print("stock push latency over 50 changes (AdjustStock reply → sandbox holds it): p50 \(String(format: "%.3f", p50)) s, p99 \(String(format: "%.3f", p99)) s, max \(String(format: "%.3f", latencies.last!)) s; patchListingsItem requests \(after - before)")
        // One request per change, each pushed (within 30 s, else the loop above throws). How fast is measured by
        // `make bench` (stock push p50/p99, target p99 < 2 s), not asserted here: a loaded CI machine is no clock.
        #expect(after - before == 50)
        try await scenario.stop()
    }
}
