import CurlTransport
import Foundation
import SellingPartner

/// The sandbox's `/_sandbox` API as the daemon benchmarks read it: request counts per operation, listings, JSON posts.
struct SandboxAdmin {
    let base: URL

    /// Requests the sandbox has served, per SP-API operation.
    func counts() async throws -> [String: Int] {
        let response = try await CurlTransport().send(HTTPRequest(method: "GET", url: base.appendingPathComponent("_sandbox/counts")))
        let json = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        let operations = json?["operations"] as? [String: [String: Any]] ?? [:]
        return operations.compactMapValues { ($0["requests"] as? NSNumber)?.intValue }
    }

    /// The quantity the sandbox holds for a US listing; nil when it has none.
    func quantity(sku: String) async throws -> Int? {
        let url = base.appendingPathComponent("_sandbox/listings/US").appendingPathComponent(sku)
        let response = try await CurlTransport().send(HTTPRequest(method: "GET", url: url))
        guard response.status == 200 else { return nil }
        let json = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        return (json?["quantity"] as? NSNumber)?.intValue
    }
}
