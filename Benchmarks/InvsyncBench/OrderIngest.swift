import CurlTransport
import Foundation
import Inventory
import InventoryStore
import SellingPartner
import SyncEngine

/// The order sync end to end against the release sandbox: orders stored per second and SP-API calls per 1,000 orders.
enum OrderIngest {
    struct Result {
        var orders: Int
        var seconds: Double
        var calls: Int
        var ordersPerSecond: Double { Double(orders) / seconds }
        var callsPerThousand: Double { orders == 0 ? .nan : Double(calls) * 1000 / Double(orders) }
    }

    /// One initial sync of the US channel (look-back covers every seeded order, both R17 kinds admitted) into a fresh
    /// database; `calls` counts every SP-API request the run made (token grants are not SP-API calls).
    static func run(base: URL) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try AppDatabase.open(path: directory.appendingPathComponent("bench.sqlite").path,
                                            vaultKey: try VaultKey(bytes: (0..<32).map { UInt8($0) }))
        defer { database.close() }
        try database.setPrimaryWarehouse(name: "Main")
        try database.setOrderSyncMode(.confirmedAndFulfilled)
        let channel = Channel(name: try ChannelName("amazon-us"), marketplace: .us, sellerId: "A2SANDBOXSELLER")
        try database.registerChannels([channel])
        let client = SellingPartnerClient(
            configuration: SellingPartnerConfiguration(
                endpoint: base, tokenEndpoint: base.appendingPathComponent("auth/o2/token"),
                clientId: "amzn1.application-oa2-client.sandbox", clientSecret: "sandbox-client-secret",
                refreshToken: "Atzr|sandbox-refresh-token", sellerId: "A2SANDBOXSELLER", marketplaceIds: [Marketplace.us.marketplaceId]),
            transport: CurlTransport())
        let environment = SyncEnvironment(
            database: database, channels: [.init(channel: channel, client: client, initialLookbackDays: 60)])
        let before = try await requestCount(base)
        let clock = ContinuousClock()
        let started = clock.now
        let outcome = await OrderSync(environment: environment).run(SyncRequest(channel: channel.name, module: .orders, trigger: .initial))
        let elapsed = started.duration(to: clock.now)
        guard outcome.status != .failed else { throw BenchmarkFailure("order sync failed: \(outcome.reason ?? "?")") }
        let stored = try database.orders(channel: channel.name, limit: 1_000_000).count
        let calls = try await requestCount(base) - before
        return Result(orders: stored, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, calls: calls)
    }

    /// Every SP-API request the sandbox has counted so far.
    static func requestCount(_ base: URL) async throws -> Int {
        let response = try await CurlTransport().send(HTTPRequest(method: "GET", url: base.appendingPathComponent("_sandbox/counts")))
        let json = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        let operations = json?["operations"] as? [String: [String: Any]] ?? [:]
        return operations.values.reduce(0) { $0 + ($1["requests"] as? Int ?? 0) }
    }
}
