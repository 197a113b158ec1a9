/// The operator's choices for one sandbox run (the `spapi-sandbox` flags).
public struct SandboxConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 0
    public var seed: UInt64 = 1
    public var marketplaces = ["US", "UK", "IN"]
    public var listings = 500
    public var orders = 2000
    public var days = 30
    public var fbaShare = 0.3
    public var rateScale = 1.0
    public var clockScale = 1.0
    public var tokenLifetime = 3600
    /// Simulated seconds from createReport to DONE for the order report (Amazon: about 5 minutes).
    public var orderReportDelay = 300.0
    public var clientId = "amzn1.application-oa2-client.sandbox"
    public var clientSecret = "sandbox-client-secret"
    public var refreshToken = "Atzr|sandbox-refresh-token"
    public var sellerId = "A2SANDBOXSELLER"

    public init() {}
}
