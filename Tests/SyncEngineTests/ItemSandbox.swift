import CurlTransport
import Foundation
import Inventory
import InventoryStore
import SellerCentralSandbox
import SellingPartner
import SyncEngine

/// The real Seller Central sandbox on an ephemeral loopback port, and clients of it over real libcurl (item sync tests).
///
/// The sandbox runs in this test process (its own wire types, written from the models apart from the client's);
/// every byte between client and sandbox still crosses a real TCP connection through libcurl.
struct ItemSandbox {
    let base: URL
    let configuration: SandboxConfiguration
    let transport = CurlTransport()
    private let task: Task<Void, any Error>

    /// Starts a sandbox; by default small and with rates scaled ×10,000 so tests don't wait on Amazon's real limits.
    static func start(_ adjust: (inout SandboxConfiguration) -> Void = { _ in }) async throws -> ItemSandbox {
        var c = SandboxConfiguration()
        c.port = 0
        c.listings = 120
        c.orders = 300
        c.rateScale = 10000
        adjust(&c)
        let configuration = c
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            try await SandboxServer(configuration: configuration).run(signals: false) { port in continuation.yield(port) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return ItemSandbox(base: URL(string: "http://127.0.0.1:\(port)")!, configuration: configuration, task: task)
    }

    func stop() { task.cancel() }

    /// The client configuration an operator would write for this sandbox: only the two endpoints differ from Amazon.
    func clientConfiguration(marketplaceIds: [String] = ["ATVPDKIKX0DER"]) -> SellingPartnerConfiguration {
        SellingPartnerConfiguration(endpoint: base, tokenEndpoint: base.appendingPathComponent("auth/o2/token"),
                                    clientId: configuration.clientId, clientSecret: configuration.clientSecret,
                                    refreshToken: configuration.refreshToken, sellerId: configuration.sellerId,
                                    marketplaceIds: marketplaceIds)
    }

    /// A client with fast retries (tests need not wait seconds between attempts).
    func client(marketplaceIds: [String] = ["ATVPDKIKX0DER"], retry: SellingPartner.RetryPolicy = SellingPartner.RetryPolicy(baseDelay: .milliseconds(5))) -> SellingPartnerClient {
        SellingPartnerClient(configuration: clientConfiguration(marketplaceIds: marketplaceIds), transport: transport, retry: retry)
    }

    /// Calls the sandbox's admin API (`/_sandbox/...`) and returns the decoded JSON object of its answer.
    @discardableResult
    func admin(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        let request = HTTPRequest(method: method, url: base.appendingPathComponent("_sandbox").appendingPathComponent(path),
                                  headers: data == nil ? [] : [("content-type", "application/json")], body: data)
        let response = try await transport.send(request)
        return (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
    }

    /// Injects a fault for the next `count` requests of one operation (`kind` as in docs/sandbox.md).
    func fault(_ operation: String, _ kind: String, status: Int = 500, delayMs: Int = 0, count: Int = 1) async throws {
        try await admin("POST", "faults", ["operation": operation, "kind": kind, "status": status, "delayMs": delayMs, "count": count])
    }

    /// The sandbox's request counters for one operation.
    func counts(_ operation: String) async throws -> (requests: Int, throttled: Int, faulted: Int, unauthorized: Int) {
        let all = try await admin("GET", "counts")
        let op = (all["operations"] as? [String: Any])?[operation] as? [String: Any] ?? [:]
        return (op["requests"] as? Int ?? 0, op["throttled"] as? Int ?? 0, op["faulted"] as? Int ?? 0, op["unauthorized"] as? Int ?? 0)
    }
}


extension ItemSandbox {
    /// The US channel of the sandbox's seller, registered in `database`, with a sync environment around `client`.
    func environment(_ database: AppDatabase, clock: any WallClock, client: SellingPartnerClient? = nil) throws -> SyncEnvironment {
        let channel = Channel(name: try ChannelName("amazon-us"), marketplace: .us, sellerId: configuration.sellerId)
        try database.registerChannels([channel])
        return SyncEnvironment(database: database, channels: [.init(channel: channel, client: client ?? self.client())], clock: clock)
    }

    /// Every US listing as the sandbox serves it (searchListingsItems with attributes), for comparisons.
    func usListings() async throws -> [ListingsItems.Item] {
        var items: [ListingsItems.Item] = []
        let query = SearchListingsItemsQuery(marketplaceIds: [Marketplace.us.marketplaceId], includedData: [.summaries, .attributes, .fulfillmentAvailability],
                                             pageSize: 20)
        for try await page in client().searchListingsItemsPages(query) { items += page.items }
        return items
    }
}
