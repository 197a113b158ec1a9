import Foundation
import Inventory
import InventoryStore
import Logging
import SandboxHarness
import SellingPartner
import SyncEngine

/// A real sandbox, a real database file with MFN listings linked to items in warehouse `main`, and a running
/// StockPusher with test timings (wall clock: the coalescing and backoff are real, just short).
final class StockPushFixture: @unchecked Sendable {
    static let channel = try! ChannelName("amazon-us")
    static let warehouse = "main"

    let sandbox: SandboxHarness
    let temporary: TemporaryDatabase
    let environment: SyncEnvironment
    let timing: StockPushTiming
    private var service: Task<Void, any Error>?

    var db: AppDatabase { temporary.db }

    /// `feedPoll` etc. are short; the sandbox clock runs ×1000 by default, so a feed (DONE after 60 simulated s) takes ~60 ms.
    init(timing: StockPushTiming = StockPushTiming(
        coalescingWindow: 0.5, sweepInterval: 2, feedPollInterval: 0.05, maxFeedPollInterval: 0.2, feedTimeout: 60,
        retryBase: 0.05, retryMax: 0.4), clockScale: Double = 1000) async throws
    {
        sandbox = try await SandboxHarness.start {
            $0.listings = 5
            $0.orders = 5
            $0.marketplaces = ["US"]
            $0.clockScale = clockScale
        }
        temporary = try TemporaryDatabase()
        environment = try sandbox.environment(temporary.db, clock: SystemWallClock())
        self.timing = timing
        try temporary.db.setPrimaryWarehouse(name: Self.warehouse)
    }

    deinit {
        service?.cancel()
        sandbox.stop()
    }

    /// Creates MFN listings (quantity 0 on Amazon) in the sandbox and the same listings in the store, each linked to
    /// its own item (R13), with `stock` units in warehouse `main`. `inStoreOnly` SKUs are unknown to Amazon.
    func addListings(_ skus: [String], stock: Int = 5, inStoreOnly: Set<String> = [], fulfillment: Fulfillment = .mfn) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (n, sku) in skus.enumerated() where !inStoreOnly.contains(sku) {
                if n >= 8 { try await group.next() }
                group.addTask {
                    try await self.sandbox.admin("POST", "listings", [
                        "sku": sku, "marketplace": "US", "quantity": 0, "fulfillment": fulfillment == .fba ? "FBA" : "MFN",
                    ])
                }
            }
            try await group.waitForAll()
        }
        var start = 0
        while start < skus.count {
            let page = skus[start..<min(start + 500, skus.count)]
            try db.upsertListings(channel: Self.channel, listings: page.map {
                IncomingListing(sku: $0, title: $0, fulfillment: fulfillment, amazonQuantity: 0)
            })
            start += 500
        }
        for sku in skus where stock != 0 {
            try db.recordStockMovement(sku: sku, warehouse: Self.warehouse, delta: stock, kind: .adjustment, reference: nil, reason: "initial")
        }
    }

    func start() {
        let pusher = StockPusher(environment: environment, timing: timing, random: { 0.5 },
                                 logger: Logger(label: "test.stockpush"))
        service = Task { try await pusher.run() }
    }

    func stop() { service?.cancel() }

    /// The quantity the sandbox (Amazon) holds for a US listing.
    func amazonQuantity(_ sku: String) async throws -> Int? {
        try await sandbox.admin("GET", "listings/US/\(sku)")["quantity"] as? Int
    }

    /// Waits until the outbox is empty (every push acknowledged or discarded).
    func drained(_ seconds: Double = 20) async throws -> Bool {
        try await eventually(seconds) { try db.stockOutboxCount() == 0 }
    }

    /// Requests the sandbox counted, per operation, since the last reset.
    func requests() async throws -> [String: Int] {
        let all = try await sandbox.admin("GET", "counts")["operations"] as? [String: Any] ?? [:]
        return all.compactMapValues { ($0 as? [String: Any])?["requests"] as? Int }
    }

    func resetCounts() async throws { try await sandbox.admin("DELETE", "counts") }
}
