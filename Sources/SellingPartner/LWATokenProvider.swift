import Foundation

/// Obtains Login with Amazon access tokens from the refresh token, caches them and renews one refresh at a time.
public actor LWATokenProvider {
    private struct Grant: Decodable {
        var access_token: String
        var expires_in: Int
    }

    private struct LWAError: Decodable {
        var error: String
        var error_description: String?
    }

    private let configuration: SellingPartnerConfiguration
    private let transport: any HTTPTransport
    private var token: (value: String, expires: Date)?
    private var refreshing: Task<(String, Date), any Error>?
    /// Renew this long before expiry so no request leaves with a token about to die.
    private let margin: TimeInterval = 60

    public init(configuration: SellingPartnerConfiguration, transport: any HTTPTransport) {
        self.configuration = configuration
        self.transport = transport
    }

    /// A valid access token; concurrent callers during a refresh await the same refresh.
    public func accessToken() async throws -> String {
        if let token, token.expires.timeIntervalSinceNow > margin { return token.value }
        if let refreshing { return try await refreshing.value.0 }
        let task = Task { try await self.grant() }
        refreshing = task
        defer { refreshing = nil }
        let result = try await task.value
        token = (result.0, result.1)
        return result.0
    }

    /// Forgets the cached token, e.g. after SP-API said it expired.
    public func invalidate() {
        token = nil
    }

    private func grant() async throws -> (String, Date) {
        func encode(_ s: String) -> String {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
        }
        let form = [("grant_type", "refresh_token"), ("refresh_token", configuration.refreshToken),
                    ("client_id", configuration.clientId), ("client_secret", configuration.clientSecret)]
            .map { "\($0.0)=\(encode($0.1))" }.joined(separator: "&")
        let request = HTTPRequest(method: "POST", url: configuration.tokenEndpoint,
                                  headers: [("content-type", "application/x-www-form-urlencoded;charset=UTF-8"),
                                            ("user-agent", configuration.userAgent)],
                                  body: Data(form.utf8))
        let response = try await transport.send(request)
        if (200..<300).contains(response.status) {
            do {
                let grant = try JSONDecoder().decode(Grant.self, from: response.body)
                return (grant.access_token, Date().addingTimeInterval(TimeInterval(grant.expires_in)))
            } catch {
                throw SellingPartnerError.decoding(operation: "lwaToken", field: "access_token", reason: "\(error)")
            }
        }
        let lwa = try? JSONDecoder().decode(LWAError.self, from: response.body)
        switch lwa?.error {
        case "invalid_grant":
            throw SellingPartnerError.authorization(
                reason: "invalid_grant: \(lwa?.error_description ?? "refresh token rejected")",
                fix: "The refresh token was revoked or belongs to another application: authorize the app again in Seller Central and put the new refresh token in the channel's secret file.")
        case "invalid_client":
            throw SellingPartnerError.authorization(
                reason: "invalid_client: \(lwa?.error_description ?? "client authentication failed")",
                fix: "The LWA client id or client secret is wrong or was rotated: copy the current credentials from the Developer Central app page into the channel's config and secret file.")
        default:
            throw SellingPartnerError.api(status: response.status, errors: [
                .init(code: lwa?.error ?? "LWAError", message: lwa?.error_description ?? "token endpoint answered \(response.status)")])
        }
    }
}
