import SandboxHarness
import Foundation
import Inventory
import InventoryStore
import Logging
import SellerCentralSandbox
import SellingPartner
import SyncEngine

/// One scenario's world: the real sandbox, a real SQLite file with a PII vault, and the order sync wired to both.
final class OrderSyncFixture {
    static let vaultKey = try! VaultKey(bytes: [UInt8](repeating: 0x5A, count: VaultKey.byteCount))

    let sandbox: SandboxHarness
    let clock: OrderSandboxClock
    let directory: URL
    let path: String
    let db: AppDatabase
    let us = try! ChannelName("amazon-us")
    let environment: SyncEnvironment
    let sync: OrderSync

    /// `pageSize` orders per searchOrders page; `fbaWarehouse` designates an FBA warehouse for the US channel (R24, R27).
    init(orders: Int = 300, pageSize: Int = 100, fbaWarehouse: Bool = true, clientRetry: SellingPartner.RetryPolicy? = nil,
         adjust: (inout SandboxConfiguration) -> Void = { _ in }) async throws {
        sandbox = try await SandboxHarness.start { c in
            c.marketplaces = ["US", "UK"]
            c.orders = orders
            adjust(&c)
        }
        clock = try await OrderSandboxClock(sandbox: sandbox)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("invsync-orders-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("inventory.sqlite").path
        db = try AppDatabase.open(path: path, vaultKey: Self.vaultKey)
        try db.setPrimaryWarehouse(name: "Main")
        try db.registerChannels([Channel(name: us, marketplace: .us, sellerId: sandbox.configuration.sellerId)])
        if fbaWarehouse {
            try db.addWarehouse(name: "Amazon FBA US", kind: .fba)
            try db.setStockSync(channel: us, active: true, fbaWarehouse: "Amazon FBA US", mappedWarehouse: nil)
        }
        let sandbox = self.sandbox
        let client = clientRetry.map { sandbox.client(retry: $0) } ?? sandbox.client()
        environment = SyncEnvironment(
            database: db, channels: [.init(channel: Channel(name: us, marketplace: .us, sellerId: sandbox.configuration.sellerId),
                                           client: client)],
            clock: clock, orderPageSize: pageSize)
        sync = OrderSync(environment: environment)
    }

    deinit {
        sandbox.stop()
        db.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Amazon's own answer for a created-after window, read with a separate client: the oracle of the scenarios.
    func amazonOrders(createdAfter: Date, createdBefore: Date? = nil, statuses: [Orders.FulfillmentStatus] = [])
        async throws -> [Orders.Order]
    {
        var query = Orders.SearchOrdersQuery.created(after: createdAfter, before: createdBefore, marketplaceIds: ["ATVPDKIKX0DER"],
                                                     includedData: OrderSync.includedData, maxResultsPerPage: 100)
        query.fulfillmentStatuses = statuses
        var all: [Orders.Order] = []
        for try await page in sandbox.client().searchOrdersPages(query) { all += page.orders }
        return all
    }

    /// Every stored order of the channel, by Amazon order id.
    func storedOrders() throws -> [String: SalesOrder] {
        Dictionary(uniqueKeysWithValues: try db.orders(channel: us, limit: 1_000_000).map { ($0.amazonOrderId, $0) })
    }

    var lookbackStart: Date { clock.now().addingTimeInterval(-30 * 86400) }
}
