import Foundation
import Glibc

/// Runs the real `spapi-sandbox` binary as a child process on an ephemeral port and talks to it with `/usr/bin/curl`
/// (DaemonTests does not link the sandbox or the SP-API client): its admin API and a reference `searchOrders`.
final class ScenarioSandbox: @unchecked Sendable {
    let directory: String
    let process: ChildProcess
    let port: Int
    var endpoint: String { "http://127.0.0.1:\(port)" }
    static let clientId = "amzn1.application-oa2-client.sandbox"
    static let sellerId = "A2SANDBOXSELLER"
    static let usMarketplaceId = "ATVPDKIKX0DER"

    /// Starts the sandbox with the daemon harness's secrets (`directory` holds client-secret and refresh-token).
    init(directory: String, orders: Int, listings: Int = 200, days: Int = 30, seed: Int = 7,
         rateScale: Double = 1000, clockScale: Double = 1) async throws {
        self.directory = directory
        let portFile = directory + "/sandbox.port"
        process = try ChildProcess(
            DaemonHarness.binary("spapi-sandbox"),
            ["--host", "127.0.0.1", "--port", "0", "--port-file", portFile, "--seed", "\(seed)", "--marketplaces", "US",
             "--listings", "\(listings)", "--orders", "\(orders)", "--days", "\(days)", "--fba-share", "0.3",
             "--rate-scale", "\(rateScale)", "--clock-scale", "\(clockScale)",
             "--client-secret-file", directory + "/client-secret", "--refresh-token-file", directory + "/refresh-token"],
            environment: ["PATH": "/usr/bin:/bin"], outputPath: directory + "/sandbox.out", errorPath: directory + "/sandbox.err")
        let deadline = ContinuousClock.now + .seconds(20)
        var found: Int?
        while found == nil {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8),
               let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) { found = value; break }
            if process.poll() != nil || ContinuousClock.now > deadline {
                throw TestFailure("the sandbox did not start: \(process.error)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        port = found!
    }

    deinit { process.signal(SIGTERM) }

    /// The `[[channel]]` table of a daemon channel on marketplace US against this sandbox.
    /// `extra`: more `key = value` lines for the channel (e.g. `order_backfill = "search"`).
    func channel(_ name: String, lookbackDays: Int = 30, extra: String = "") -> String {
        """
        [[channel]]
        name = "\(name)"
        marketplace = "US"
        seller_id = "\(Self.sellerId)"
        client_id = "\(Self.clientId)"
        client_secret_file = "client-secret"
        refresh_token_file = "refresh-token"
        endpoint = "\(endpoint)"
        token_endpoint = "\(endpoint)/auth/o2/token"
        initial_lookback_days = \(lookbackDays)
        \(extra)

        """
    }

    /// Runs curl; returns (HTTP status, body).
    func curl(_ method: String, _ path: String, json: Any? = nil, headers: [String] = [], form: String? = nil) async throws
        -> (status: Int, body: Data)
    {
        var arguments = ["-s", "-X", method, "-o", "-", "-w", "\n%{http_code}"]
        for header in headers { arguments += ["-H", header] }
        if let json {
            let data = try JSONSerialization.data(withJSONObject: json)
            arguments += ["-H", "Content-Type: application/json", "--data-binary", String(decoding: data, as: UTF8.self)]
        }
        if let form { arguments += ["-H", "Content-Type: application/x-www-form-urlencoded", "--data-binary", form] }
        arguments.append(endpoint + path)
        let result = try await DaemonHarness.run("/usr/bin/curl", arguments)
        guard result.status == 0, let cut = result.out.lastIndex(of: "\n"), let code = Int(result.out[result.out.index(after: cut)...])
        else { throw TestFailure("curl \(method) \(path) failed: \(result.status) \(result.err)") }
        return (code, Data(result.out[..<cut].utf8))
    }

    /// An admin call answering JSON.
    @discardableResult
    func admin(_ method: String, _ path: String, _ json: Any? = nil) async throws -> [String: Any] {
        let (status, body) = try await curl(method, "/_sandbox" + path, json: json)
        guard (200..<300).contains(status) else { throw TestFailure("sandbox \(method) \(path): \(status) \(String(decoding: body, as: UTF8.self))") }
        return (try? JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:]
    }

    func advanceClock(seconds: Int) async throws { try await admin("POST", "/clock/advance", ["seconds": seconds]) }

    func fault(operation: String, kind: String, status: Int? = nil, count: Int) async throws {
        var body: [String: Any] = ["operation": operation, "kind": kind, "count": count]
        if let status { body["status"] = status }
        try await admin("POST", "/faults", body)
    }

    /// Per operation: requests, throttled, faulted.
    func counts() async throws -> [String: [String: Int]] {
        let reply = try await admin("GET", "/counts")
        var result: [String: [String: Int]] = [:]
        for (operation, value) in reply["operations"] as? [String: [String: Any]] ?? [:] {
            result[operation] = value.compactMapValues { ($0 as? NSNumber)?.intValue }
        }
        return result
    }

    /// One order as the sandbox holds it (includes the buyer's email for MFN orders).
    func order(_ id: String) async throws -> [String: Any] { try await admin("GET", "/orders/\(id)") }

    private var token: String?

    private func accessToken() async throws -> String {
        if let token { return token }
        let secret = try String(contentsOfFile: directory + "/client-secret", encoding: .utf8)
        let refresh = try String(contentsOfFile: directory + "/refresh-token", encoding: .utf8)
        let form = "grant_type=refresh_token&client_id=\(Self.clientId)&client_secret=\(secret)&refresh_token="
            + (refresh.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? refresh)
        let (status, body) = try await curl("POST", "/auth/o2/token", form: form)
        guard status == 200, let json = try JSONSerialization.jsonObject(with: body) as? [String: Any],
              let value = json["access_token"] as? String else { throw TestFailure("no token: \(status)") }
        token = value
        return value
    }

    /// One order of the reference search: id, fulfilment status, last update, buyer email (if any).
    struct Order: Sendable {
        var id: String
        var status: String
        var lastUpdated: String
        var created: String
        var buyerEmail: String?
    }

    /// Every US order created after `createdAfter`, as Amazon's searchOrders answers (our own curl, not the client).
    func searchOrders(createdAfter: String) async throws -> [Order] {
        let token = try await accessToken()
        var result: [Order] = []
        var next: String?
        repeat {
            var query = "/orders/2026-01-01/orders?createdAfter=\(createdAfter)&marketplaceIds=\(Self.usMarketplaceId)"
                + "&includedData=BUYER,FULFILLMENT&maxResultsPerPage=100"
            if let next { query += "&paginationToken=\(next)" }
            let (status, body) = try await curl("GET", query, headers: ["x-amz-access-token: \(token)"])
            if status == 429 || status >= 500 { try await Task.sleep(for: .milliseconds(200)); continue }
            guard status == 200, let json = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                throw TestFailure("searchOrders: \(status) \(String(decoding: body, as: UTF8.self))")
            }
            for o in json["orders"] as? [[String: Any]] ?? [] {
                let fulfillment = o["fulfillment"] as? [String: Any]
                let buyer = o["buyer"] as? [String: Any]
                result.append(Order(
                    id: o["orderId"] as? String ?? "", status: fulfillment?["fulfillmentStatus"] as? String ?? "",
                    lastUpdated: o["lastUpdatedTime"] as? String ?? "", created: o["createdTime"] as? String ?? "",
                    buyerEmail: buyer?["buyerEmail"] as? String))
            }
            next = (json["pagination"] as? [String: Any])?["nextToken"] as? String
        } while next != nil
        return result
    }

    /// The sandbox's current simulated time.
    func now() async throws -> String { try await admin("GET", "/clock")["now"] as? String ?? "" }
}
