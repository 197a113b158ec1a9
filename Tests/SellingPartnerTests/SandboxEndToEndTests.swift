import SandboxHarness
import Foundation
import SellingPartner
import Testing

/// The client against the real sandbox over libcurl: token, rate limits, retries and faults end to end.
@Suite(.serialized) struct SandboxEndToEndTests {
    static let operation = "getMarketplaceParticipations"

    /// The client needs nothing but the two endpoints to talk to another SP-API implementation.
    @Test func participationsThroughTheSandbox() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let response = try await sandbox.client().getMarketplaceParticipations()
        let ids = Set((response.payload ?? []).map(\.marketplace.id))
        #expect(ids == ["ATVPDKIKX0DER", "A1F83G8C2ARO7P", "A21TJRUUN4KGV"])
        #expect(try await sandbox.counts(Self.operation).requests == 1)
    }

    /// A throttling storm: every 429 costs exactly one retry, and each retry waited for the bucket to refill.
    @Test func throttlingStormIsWaitedOutNotHammered() async throws {
        let sandbox = try await SandboxHarness.start { $0.rateScale = 100 }  // 1.6 requests/s
        defer { sandbox.stop() }
        let client = sandbox.client()
        try await sandbox.fault(Self.operation, "throttle", count: 3)
        let clock = ContinuousClock()
        let started = clock.now
        _ = try await client.getMarketplaceParticipations()
        let elapsed = started.duration(to: clock.now)
        let counts = try await sandbox.counts(Self.operation)
        #expect(counts.requests == 4)
        #expect(counts.throttled == 3)
        // After each 429 the bucket is drained: three refills at 1.6/s cannot take less than 3 × 0.625 s.
        #expect(elapsed >= .milliseconds(1875))
    }

    /// Concurrent callers share one bucket per operation and seller: the sandbox's bucket (same rate and burst)
    /// is overrun only when scheduling jitter bunches requests on the wire, and each such 429 costs exactly one retry.
    @Test func concurrentCallersStayInsideTheBucket() async throws {
        let sandbox = try await SandboxHarness.start { $0.rateScale = 10 }  // getInventorySummaries: 20/s, burst 2
        defer { sandbox.stop() }
        let client = sandbox.client()
        let calls = 30
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<calls {
                group.addTask {
                    let response = try await client.sendRaw(
                        operation: "fbaInventory.getInventorySummaries", method: "GET", path: "/fba/inventory/v1/summaries",
                        query: [("granularityType", "Marketplace"), ("granularityId", "ATVPDKIKX0DER"), ("marketplaceIds", "ATVPDKIKX0DER")])
                    return response.status
                }
            }
            for try await status in group { #expect(status == 200) }
        }
        let counts = try await sandbox.counts("getInventorySummaries")
        // Without the client's bucket 28 of 30 would have been refused; jitter on a loaded machine may cost a few.
        #expect(counts.throttled <= 6)
        #expect(counts.requests == calls + counts.throttled)
    }

    /// An access token that expires mid-run (revoked early by the server) is replaced once and the call goes on.
    @Test func tokenExpiringMidRunIsRenewed() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        _ = try await client.getMarketplaceParticipations()
        try await sandbox.admin("POST", "tokens/expire")
        _ = try await client.getMarketplaceParticipations()
        _ = try await client.getMarketplaceParticipations()
        // One refused request with the dead token, then the two calls with the new one.
        let counts = try await sandbox.counts(Self.operation)
        #expect(counts.requests == 4)
        #expect(counts.unauthorized == 1)
    }

    /// A short token lifetime: the client renews before expiry instead of sending a token about to die.
    @Test func shortLivedTokensAreRenewedBeforeExpiry() async throws {
        let sandbox = try await SandboxHarness.start { $0.tokenLifetime = 1 }
        defer { sandbox.stop() }
        let client = sandbox.client()
        for _ in 0..<3 {
            _ = try await client.getMarketplaceParticipations()
            try await Task.sleep(for: .milliseconds(1100))
        }
        let counts = try await sandbox.counts(Self.operation)
        #expect(counts.requests == 3)
        #expect(counts.unauthorized == 0)
    }

    /// A refresh token LWA refuses is an authorization error with the fix in words, not a retry loop.
    @Test func revokedRefreshTokenSaysWhatToDo() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        var configuration = sandbox.clientConfiguration()
        configuration.refreshToken = "Atzr|revoked"
        let client = SellingPartnerClient(configuration: configuration, transport: sandbox.transport)
        await #expect {
            _ = try await client.getMarketplaceParticipations()
        } throws: { error in
            guard case SellingPartnerError.authorization(let reason, let fix)? = error as? SellingPartnerError else { return false }
            return reason.hasPrefix("invalid_grant") && fix.contains("authorize the app again")
        }
        configuration = sandbox.clientConfiguration()
        configuration.clientSecret = "rotated"
        let wrongClient = SellingPartnerClient(configuration: configuration, transport: sandbox.transport)
        await #expect {
            _ = try await wrongClient.getMarketplaceParticipations()
        } throws: { error in
            guard case SellingPartnerError.authorization(let reason, _)? = error as? SellingPartnerError else { return false }
            return reason.hasPrefix("invalid_client")
        }
        #expect(try await sandbox.counts(Self.operation).requests == 0)
    }

    /// 500s, 503s and connection resets are retried with backoff; the call then succeeds.
    @Test(arguments: [("status", 500), ("status", 503), ("reset", 0)])
    func transientFailuresAreRetried(kind: String, status: Int) async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        try await sandbox.fault(Self.operation, kind, status: status, count: 2)
        let response = try await sandbox.client().getMarketplaceParticipations()
        #expect(response.payload?.count == 3)
        let counts = try await sandbox.counts(Self.operation)
        #expect(counts.requests == 3)
        #expect(counts.faulted == 2)
    }

    /// A server that stays broken ends in a typed error after the bounded number of attempts.
    @Test func persistentFailureEndsInATypedErrorAfterTheBound() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client(retry: RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(5)))
        try await sandbox.fault(Self.operation, "status", status: 500, count: 100)
        await #expect {
            _ = try await client.getMarketplaceParticipations()
        } throws: { error in
            guard case SellingPartnerError.api(let status, _)? = error as? SellingPartnerError else { return false }
            return status == 500
        }
        try await sandbox.fault(Self.operation, "reset", count: 100)
        try await sandbox.admin("DELETE", "faults")
        try await sandbox.admin("DELETE", "counts")
        try await sandbox.fault(Self.operation, "truncate", count: 100)
        await #expect {
            _ = try await client.getMarketplaceParticipations()
        } throws: { error in
            guard case SellingPartnerError.transport(_, let attempts, let last)? = error as? SellingPartnerError else { return false }
            return attempts == 4 && last == .truncatedBody
        }
        #expect(try await sandbox.counts(Self.operation).requests == 4)
    }

    /// A body cut short is retried and the next complete one is used.
    @Test func truncatedBodyIsRetried() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        try await sandbox.fault(Self.operation, "truncate", count: 1)
        let response = try await sandbox.client().getMarketplaceParticipations()
        #expect(response.payload?.count == 3)
        #expect(try await sandbox.counts(Self.operation).requests == 2)
    }

    /// Malformed JSON and wrongly typed fields become decoding errors that name the place; nothing crashes.
    @Test func malformedAndMistypedBodiesAreTypedErrors() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        try await sandbox.fault(Self.operation, "malformed", count: 1)
        await #expect {
            _ = try await client.getMarketplaceParticipations()
        } throws: { error in
            guard case SellingPartnerError.decoding(let operation, _, _)? = error as? SellingPartnerError else { return false }
            return operation == "sellers.getMarketplaceParticipations"
        }
        try await sandbox.fault(Self.operation, "wrongTypes", count: 1)
        await #expect {
            _ = try await client.getMarketplaceParticipations()
        } throws: { error in
            guard case SellingPartnerError.decoding(_, let field, _)? = error as? SellingPartnerError else { return false }
            return field.hasPrefix("payload")
        }
        // The client is unharmed: the next call works.
        #expect(try await client.getMarketplaceParticipations().payload?.count == 3)
    }

    /// A response slower than the request timeout is a timeout, retried; the retry then gets through.
    @Test func slowResponseTimesOutAndIsRetried() async throws {
        let sandbox = try await SandboxHarness.start()
        defer { sandbox.stop() }
        let client = sandbox.client(retry: RetryPolicy(baseDelay: .milliseconds(5), timeout: .milliseconds(300)))
        try await sandbox.fault(Self.operation, "delay", delayMs: 1500, count: 1)
        #expect(try await client.getMarketplaceParticipations().payload?.count == 3)
        #expect(try await sandbox.counts(Self.operation).requests == 2)
    }
}
