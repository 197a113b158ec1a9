import CurlTransport
import Foundation
import SellerCentralSandbox
import SellingPartner

/// The real Seller Central sandbox on an ephemeral loopback port, and clients of it over real libcurl (shared by the
/// client's, the engine's and the daemon's tests).
///
/// The sandbox runs in this test process (its own wire types, written from the models apart from the client's);
/// every byte between client and sandbox still crosses a real TCP connection through libcurl.
public struct SandboxHarness: Sendable {
    public let base: URL
    public let configuration: SandboxConfiguration
    public let transport = CurlTransport()
    private let task: Task<Void, any Error>

    /// Starts a sandbox; by default small and with rates scaled ×10,000 so tests don't wait on Amazon's real limits.
    public static func start(_ adjust: (inout SandboxConfiguration) -> Void = { _ in }) async throws -> SandboxHarness {
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
        return SandboxHarness(base: URL(string: "http://127.0.0.1:\(port)")!, configuration: configuration, task: task)
    }

    public func stop() { task.cancel() }

    /// The client configuration an operator would write for this sandbox: only the two endpoints differ from Amazon.
    public func clientConfiguration(marketplaceIds: [String] = ["ATVPDKIKX0DER"]) -> SellingPartnerConfiguration {
        SellingPartnerConfiguration(endpoint: base, tokenEndpoint: base.appendingPathComponent("auth/o2/token"),
                                    clientId: configuration.clientId, clientSecret: configuration.clientSecret,
                                    refreshToken: configuration.refreshToken, sellerId: configuration.sellerId,
                                    marketplaceIds: marketplaceIds)
    }

    /// A client with fast retries (tests need not wait seconds between attempts).
    public func client(marketplaceIds: [String] = ["ATVPDKIKX0DER"], retry: RetryPolicy = RetryPolicy(baseDelay: .milliseconds(5))) -> SellingPartnerClient {
        SellingPartnerClient(configuration: clientConfiguration(marketplaceIds: marketplaceIds), transport: transport, retry: retry)
    }

    /// Calls the sandbox's admin API (`/_sandbox/...`) and returns the decoded JSON object of its answer.
    @discardableResult
    public func admin(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        let request = HTTPRequest(method: method, url: base.appendingPathComponent("_sandbox").appendingPathComponent(path),
                                  headers: data == nil ? [] : [("content-type", "application/json")], body: data)
        let response = try await transport.send(request)
        return (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
    }

    /// Injects a fault for the next `count` requests of one operation (`kind` as in docs/sandbox.md).
    public func fault(_ operation: String, _ kind: String, status: Int = 500, delayMs: Int = 0, count: Int = 1) async throws {
        try await admin("POST", "faults", ["operation": operation, "kind": kind, "status": status, "delayMs": delayMs, "count": count])
    }

    /// The sandbox's request counters for one operation.
    public func counts(_ operation: String) async throws -> (requests: Int, throttled: Int, faulted: Int, unauthorized: Int) {
        let all = try await admin("GET", "counts")
        let op = (all["operations"] as? [String: Any])?[operation] as? [String: Any] ?? [:]
        return (op["requests"] as? Int ?? 0, op["throttled"] as? Int ?? 0, op["faulted"] as? Int ?? 0, op["unauthorized"] as? Int ?? 0)
    }

    /// The sandbox's simulated time.
    public func now() async throws -> Date {
        let answer = try await admin("GET", "clock")
        guard let text = answer["now"] as? String, let date = AmazonTime.date(text) else { throw CancellationError() }
        return date
    }
}
