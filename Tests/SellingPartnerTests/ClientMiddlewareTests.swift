import CurlTransport
import Foundation
import SellingPartner
import Testing

@Suite struct ClientMiddlewareTests {
    static let participations = #"{"payload":[{"marketplace":{"id":"ATVPDKIKX0DER","name":"Amazon.com","countryCode":"US","defaultCurrencyCode":"USD","defaultLanguageCode":"en_US","domainName":"www.amazon.com"},"participation":{"isParticipating":true,"hasSuspendedListings":false}}]}"#

    static func configuration(_ url: URL) -> SellingPartnerConfiguration {
        SellingPartnerConfiguration(endpoint: url, tokenEndpoint: url.appendingPathComponent("/auth/o2/token"),
                                    clientId: "amzn1.application-oa2-client.test", clientSecret: "secret",
                                    refreshToken: "Atzr|refresh", sellerId: "A2TEST", marketplaceIds: ["ATVPDKIKX0DER"])
    }

    /// Token grant, then a 500, a reset and a 429 are all retried through real libcurl; the token is fetched once.
    @Test func retriesFaultsAndThrottlingThenSucceeds() async throws {
        let token = LoopbackServer.response(200, #"{"access_token":"Atza|abc","token_type":"bearer","expires_in":3600}"#)
        let server = try LoopbackServer(replies: [
            token,
            LoopbackServer.response(500, #"{"errors":[{"code":"InternalFailure","message":"x"}]}"#),
            .reset,
            LoopbackServer.response(429, #"{"errors":[{"code":"QuotaExceeded","message":"x"}]}"#, headers: ["x-amzn-RateLimit-Limit: 50"]),
            LoopbackServer.response(200, Self.participations, headers: ["x-amzn-RateLimit-Limit: 50"]),
        ])
        defer { server.stop() }
        let client = SellingPartnerClient(configuration: Self.configuration(server.url), transport: CurlTransport(),
                                          retry: RetryPolicy(baseDelay: .milliseconds(10)))
        let response = try await client.getMarketplaceParticipations()
        #expect(response.payload?.first?.marketplace.id == "ATVPDKIKX0DER")
        let requests = server.requests
        #expect(requests.count == 5)
        #expect(requests[0].hasPrefix("POST /auth/o2/token"))
        #expect(requests[0].contains("grant_type=refresh_token"))
        for request in requests.dropFirst() {
            #expect(request.hasPrefix("GET /sellers/v1/marketplaceParticipations"))
            #expect(request.contains("x-amz-access-token: Atza|abc"))
            #expect(request.contains("user-agent: invsyncd/"))
            #expect(request.contains("x-amz-date: "))
        }
    }

    /// invalid_grant from LWA is an authorization error with a fix in words.
    @Test func invalidGrantIsAuthorizationError() async throws {
        let server = try LoopbackServer(replies: [LoopbackServer.response(400, #"{"error":"invalid_grant","error_description":"The request has an invalid grant parameter : refresh_token"}"#)])
        defer { server.stop() }
        let client = SellingPartnerClient(configuration: Self.configuration(server.url), transport: CurlTransport())
        do {
            _ = try await client.getMarketplaceParticipations()
            Issue.record("no error")
        } catch SellingPartnerError.authorization(let reason, let fix) {
            #expect(reason.hasPrefix("invalid_grant"))
            #expect(fix.contains("refresh token"))
        }
    }

    /// Persistent 500s end in a typed api error after the bounded number of attempts.
    @Test func persistentServerErrorsEndInTypedError() async throws {
        let token = LoopbackServer.response(200, #"{"access_token":"Atza|abc","expires_in":3600}"#)
        let server = try LoopbackServer(replies: [token]) { _ in
            LoopbackServer.response(503, #"{"errors":[{"code":"ServiceUnavailable","message":"down"}]}"#)
        }
        defer { server.stop() }
        let client = SellingPartnerClient(configuration: Self.configuration(server.url), transport: CurlTransport(),
                                          retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(5)))
        do {
            _ = try await client.getMarketplaceParticipations()
            Issue.record("no error")
        } catch SellingPartnerError.api(let status, let errors) {
            #expect(status == 503)
            #expect(errors.first?.code == "ServiceUnavailable")
        }
        #expect(server.requests.count == 4)
    }

    /// A body that is not JSON becomes a typed decoding error, never a crash.
    @Test func malformedBodyIsDecodingError() async throws {
        let token = LoopbackServer.response(200, #"{"access_token":"Atza|abc","expires_in":3600}"#)
        let server = try LoopbackServer(replies: [token, LoopbackServer.response(200, #"{"payload":[{"marketpl"#)])
        defer { server.stop() }
        let client = SellingPartnerClient(configuration: Self.configuration(server.url), transport: CurlTransport())
        await #expect(throws: SellingPartnerError.self) { _ = try await client.getMarketplaceParticipations() }
    }
}
