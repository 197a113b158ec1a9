import Foundation
import InvSyncInterface
import Varlink

/// Stock push end to end (R16): AdjustStock over Varlink until the sandbox holds the quantity, and the requests the
/// release invsyncd spends on 10,000 SKU changes.
enum StockPushLatency {
    struct Latency {
        var seconds: [Double]
        var patches: Int
    }

    struct Bulk {
        var skus: Int
        var feeds: Int
        var patches: Int
        var seconds: Double
    }

    /// One US channel after its first cycle, stock sync on; returns the daemon and a linked MFN SKU.
    private static func started(binDir: String, sandbox: SandboxProcess) async throws -> DaemonProcess {
        let daemon = try DaemonProcess(binDir: binDir, sandbox: sandbox.base, channels: ["amazon-us"])
        try await daemon.start()
        try await daemon.waitForFirstCycle()
        return daemon
    }

    private static func setStockSync(_ daemon: DaemonProcess) async throws {
        _ = try await daemon.call(ChannelsInterface.Method.setStockSync.qualified, ["channel": "amazon-us", "active": true],
                                  returning: DaemonInterface.NoReply.self)
    }

    /// Waits until the sandbox's push traffic (patches, feeds, feed polls) has been quiet for `quiet` and the result of
    /// every feed has been read back (a feed's getFeed polls are 30 s apart, so quiet alone proves nothing).
    private static func settle(_ admin: SandboxAdmin, quiet: Duration, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        var last = -1
        var since = ContinuousClock.now
        while ContinuousClock.now < deadline {
            let counts = try await admin.counts()
            let total = counts.filter { ["patchListingsItem", "createFeed", "getFeed", "createFeedDocument", "getFeedDocument"].contains($0.key) }
                .values.reduce(0, +)
            if total != last { last = total; since = ContinuousClock.now }
            // A feed is done for the pusher once its result document has been read back.
            let feedsOpen = (counts["createFeed"] ?? 0) > (counts["getFeedDocument"] ?? 0)
            if total > 0, !feedsOpen, ContinuousClock.now - since >= quiet { return }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw BenchmarkFailure("stock pushes did not settle within \(timeout)")
    }

    /// `rounds` × `changes` single AdjustStock calls on one MFN SKU, each awaited until the sandbox holds the new
    /// quantity; one daemon, one result per round.
    static func latency(binDir: String, changes: Int, rounds: Int) async throws -> [Latency] {
        let sandbox = try SandboxProcess(binDir: binDir, arguments: ["--marketplaces", "US", "--orders", "20", "--listings", "40",
                                                                    "--rate-scale", "1", "--clock-scale", "10"])
        defer { sandbox.stop() }
        let admin = SandboxAdmin(base: sandbox.base)
        let daemon = try await started(binDir: binDir, sandbox: sandbox)
        defer { daemon.stop() }
        try await setStockSync(daemon)
        let items = try await daemon.call(InventoryInterface.Method.listItems.qualified, ["fulfillment": "mfn", "limit": 1000],
                                          returning: InventoryInterface.ListItemsReply.self).items
        var sku: String?
        for item in items {
            let detail = try await daemon.call(InventoryInterface.Method.getItem.qualified, ["sku": .string(item.sku)],
                                               returning: InventoryInterface.GetItemReply.self)
            if let listing = detail.listings.first(where: { $0.fulfillment == .mfn && $0.channel == "amazon-us" }) {
                sku = listing.sku
                break
            }
        }
        guard let sku else { throw BenchmarkFailure("the sandbox seeded no MFN listing linked to an item") }
        // The activation pushes every MFN listing first (patches at 5/s); measure single changes after it.
        try await settle(admin, quiet: .seconds(2), timeout: .seconds(120))
        var results: [Latency] = []
        for round in 0..<rounds {
            let before = try await admin.counts()["patchListingsItem"] ?? 0
            var latencies: [Double] = []
            for n in (round * changes + 1)...(round * changes + changes) {
                let began = ContinuousClock.now
                let reply = try await daemon.call(InventoryInterface.Method.adjustStock.qualified,
                                                  ["sku": .string(sku), "warehouse": "Main", "newQuantity": .number(Double(1000 + n)), "reason": "count"],
                                                  returning: InventoryInterface.AdjustStockReply.self)
                let desired = max(0, reply.stock.reduce(0) { $0 + $1.available })
                while try await admin.quantity(sku: sku) != desired {
                    if ContinuousClock.now - began > .seconds(30) { throw BenchmarkFailure("change \(n) not pushed within 30 s; log: \(daemon.logTail())") }
                    try await Task.sleep(for: .milliseconds(5))
                }
                latencies.append(seconds(ContinuousClock.now - began))
            }
            let patches = (try await admin.counts()["patchListingsItem"] ?? 0) - before
            results.append(Latency(seconds: latencies, patches: patches))
        }
        return results
    }

    /// 10,000 MFN SKUs: after the activation's push has settled, one AdjustStock per SKU (four connections at once);
    /// counts createFeed and patchListingsItem until the pushes settle.
    static func bulk(binDir: String, skus: Int) async throws -> Bulk {
        let sandbox = try SandboxProcess(binDir: binDir, arguments: ["--marketplaces", "US", "--orders", "10", "--listings", "\(skus)",
                                                                    "--fba-share", "0", "--rate-scale", "1", "--clock-scale", "60"])
        defer { sandbox.stop() }
        let admin = SandboxAdmin(base: sandbox.base)
        let daemon = try await started(binDir: binDir, sandbox: sandbox)
        defer { daemon.stop() }
        try await setStockSync(daemon)
        let items = try await daemon.call(InventoryInterface.Method.listItems.qualified, ["fulfillment": "mfn", "limit": .number(Double(skus * 2))],
                                          returning: InventoryInterface.ListItemsReply.self).items.map(\.sku)
        try await settle(admin, quiet: .seconds(3), timeout: .seconds(300))
        let before = try await admin.counts()
        let started = ContinuousClock.now
        let socket = daemon.socketPath
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                let mine = stride(from: worker, to: items.count, by: 4).map { items[$0] }
                group.addTask {
                    let client = try await VarlinkClient.connect(path: socket)
                    for sku in mine {
                        _ = try await client.call(InventoryInterface.Method.adjustStock.qualified,
                                                  parameters: ["sku": JSONValue.string(sku), "warehouse": "Main", "newQuantity": 77, "reason": "count"],
                                                  returning: InventoryInterface.AdjustStockReply.self)
                    }
                    await client.close()
                }
            }
            try await group.waitForAll()
        }
        try await settle(admin, quiet: .seconds(5), timeout: .seconds(400))
        let elapsed = seconds(ContinuousClock.now - started) - 5
        let after = try await admin.counts()
        return Bulk(skus: items.count, feeds: (after["createFeed"] ?? 0) - (before["createFeed"] ?? 0),
                    patches: (after["patchListingsItem"] ?? 0) - (before["patchListingsItem"] ?? 0), seconds: elapsed)
    }
}
