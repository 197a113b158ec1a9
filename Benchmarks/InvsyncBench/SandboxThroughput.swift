import CurlTransport
import Foundation
import SellingPartner

/// How many SP-API requests per second the sandbox serves on this machine, through the real client and libcurl.
enum SandboxThroughput {
    /// Runs `workers` concurrent callers of one operation for `seconds`; returns completed requests per second.
    static func run(base: URL, operation: String, method: String, path: String, query: [(String, String)],
                    workers: Int, seconds: Double) async throws -> Double {
        let configuration = SellingPartnerConfiguration(
            endpoint: base, tokenEndpoint: base.appendingPathComponent("auth/o2/token"),
            clientId: "amzn1.application-oa2-client.sandbox", clientSecret: "sandbox-client-secret",
            refreshToken: "Atzr|sandbox-refresh-token", sellerId: "A2SANDBOXSELLER", marketplaceIds: ["ATVPDKIKX0DER"])
        let client = SellingPartnerClient(configuration: configuration, transport: CurlTransport(maxIdleHandles: workers))
        _ = try await client.sendRaw(operation: operation, method: method, path: path, query: query)  // token + warm-up
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(Int(seconds * 1000)))
        let started = clock.now
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var done = 0
                    while clock.now < deadline {
                        _ = try await client.sendRaw(operation: operation, method: method, path: path, query: query)
                        done += 1
                    }
                    return done
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = started.duration(to: clock.now)
        return Double(total) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
