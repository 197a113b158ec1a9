import ArgumentParser
import Foundation
import SellerCentralSandbox

/// Runs the local Seller Central sandbox (SP-API + LWA + admin API) for the demo, tests and benchmarks.
@main
struct SpapiSandbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "spapi-sandbox", abstract: "A local Selling Partner API sandbox.")

    @Option var host = "127.0.0.1"
    @Option var port = 0
    @Option(name: .customLong("port-file")) var portFile: String?
    @Option var seed: UInt64 = 1
    @Option var marketplaces = "US,UK,IN"
    @Option var listings = 500
    @Option var orders = 2000
    @Option var days = 30
    @Option(name: .customLong("fba-share")) var fbaShare = 0.3
    @Option(name: .customLong("rate-scale")) var rateScale = 1.0
    @Option(name: .customLong("clock-scale")) var clockScale = 1.0
    @Option(name: .customLong("token-lifetime")) var tokenLifetime = 3600
    @Option(name: .customLong("order-report-delay"), help: "Simulated seconds from createReport to DONE for the order report.")
    var orderReportDelay = 300.0
    @Option(name: .customLong("client-id")) var clientId = "amzn1.application-oa2-client.sandbox"
    @Option(name: .customLong("client-secret-file")) var clientSecretFile: String?
    @Option(name: .customLong("refresh-token-file")) var refreshTokenFile: String?
    @Option(name: .customLong("seller-id")) var sellerId = "A2SANDBOXSELLER"

    func run() async throws {
        var c = SandboxConfiguration()
        c.host = host
        c.port = port
        c.seed = seed
        c.marketplaces = marketplaces.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        c.listings = listings
        c.orders = orders
        c.days = days
        c.fbaShare = fbaShare
        c.rateScale = rateScale
        c.clockScale = clockScale
        c.tokenLifetime = tokenLifetime
        c.orderReportDelay = orderReportDelay
        c.clientId = clientId
        c.sellerId = sellerId
        if let f = clientSecretFile { c.clientSecret = try String(contentsOfFile: f, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) }
        if let f = refreshTokenFile { c.refreshToken = try String(contentsOfFile: f, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) }
        let host = c.host
        let portFile = portFile
        try await SandboxServer(configuration: c).run { port in
            if let portFile { try? "\(port)\n".write(toFile: portFile, atomically: true, encoding: .utf8) }
            // FileHandle writes straight to fd 1, so the line is flushed even when stdout is a pipe.
            FileHandle.standardOutput.write(Data("spapi-sandbox listening on http://\(host):\(port)\n".utf8))
        }
    }
}
