import Foundation
import Logging

/// Sends SP-API operations through token, rate-limit and retry middleware over a transport.
public final class SellingPartnerClient: Sendable {
    public let configuration: SellingPartnerConfiguration
    let transport: any HTTPTransport
    private let tokens: LWATokenProvider
    private let limiter: RateLimiter
    let retry: RetryPolicy
    let logger: Logger

    public init(configuration: SellingPartnerConfiguration, transport: any HTTPTransport,
                limiter: RateLimiter = RateLimiter(), retry: RetryPolicy = RetryPolicy(),
                logger: Logger = Logger(label: "invsync.selling-partner")) {
        self.configuration = configuration
        self.transport = transport
        self.tokens = LWATokenProvider(configuration: configuration, transport: transport)
        self.limiter = limiter
        self.retry = retry
        self.logger = logger
    }

    /// Sends one operation and decodes its 2xx body as `Response`; `operation` is the key into `OperationRate.table`.
    /// The rate and burst in force for `operation` on this seller: what Amazon last said in `x-amzn-RateLimit-Limit`,
    /// else the documented plan.
    public func rate(operation: String) async -> OperationRate {
        await limiter.rate(operation: operation, seller: configuration.sellerId)
    }

    public func send<Response: Decodable>(operation: String, method: String, path: String,
                                          query: [(String, String)] = [], body: Data? = nil,
                                          as: Response.Type) async throws -> Response {
        let response = try await sendRaw(operation: operation, method: method, path: path, query: query, body: body)
        return try ResponseDecoder.decode(Response.self, from: response.body, operation: operation)
    }

    /// Sends one operation through the middleware and returns the successful response unparsed.
    public func sendRaw(operation: String, method: String, path: String,
                        query: [(String, String)] = [], body: Data? = nil) async throws -> HTTPResponse {
        var components = URLComponents(url: configuration.endpoint.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        if !query.isEmpty {
            components?.percentEncodedQueryItems = query.map {
                URLQueryItem(name: $0.0, value: $0.1.addingPercentEncoding(withAllowedCharacters: .sellingPartnerQueryValue))
            }
        }
        guard let url = components?.url else { throw SellingPartnerError.invalidRequest("bad path \(path)") }
        let seller = configuration.sellerId
        var failures = 0
        var throttles = 0
        var tokenRetried = false
        while true {
            try await limiter.acquire(operation: operation, seller: seller)
            let token = try await tokens.accessToken()
            var headers: [(name: String, value: String)] = [
                ("x-amz-access-token", token), ("user-agent", configuration.userAgent),
                ("x-amz-date", Self.amzDate(Date())), ("accept", "application/json"),
            ]
            if body != nil { headers.append(("content-type", "application/json")) }
            let request = HTTPRequest(method: method, url: url, headers: headers, body: body, timeout: retry.timeout)
            let response: HTTPResponse
            do {
                response = try await transport.send(request)
            } catch let error as TransportError {
                failures += 1
                logger.debug("transport failure", metadata: ["operation": "\(operation)", "attempt": "\(failures)"])
                guard failures < retry.maxAttempts, retry.isRetryable(error) else {
                    throw SellingPartnerError.transport(operation: operation, attempts: failures, last: error)
                }
                try await retry.sleep(afterFailure: failures)
                continue
            }
            await limiter.observe(rateLimitHeader: response.header("x-amzn-RateLimit-Limit"), operation: operation, seller: seller)
            switch response.status {
            case 200..<300:
                return response
            case 429:
                throttles += 1
                logger.debug("throttled", metadata: ["operation": "\(operation)", "count": "\(throttles)"])
                guard throttles < retry.maxThrottles else { throw SellingPartnerError.throttled(operation: operation, attempts: throttles) }
                await limiter.drain(operation: operation, seller: seller)
                continue
            case 403 where !tokenRetried && String(decoding: response.body, as: UTF8.self).contains("access token"):
                // An access token can expire or be revoked early; fetch a new one once before giving up.
                tokenRetried = true
                await tokens.invalidate()
                continue
            case 500..<600:
                failures += 1
                guard failures < retry.maxAttempts else { throw Self.apiError(response) }
                try await retry.sleep(afterFailure: failures)
                continue
            default:
                throw Self.apiError(response)
            }
        }
    }

    static func apiError(_ response: HTTPResponse) -> SellingPartnerError {
        struct ErrorList: Decodable { var errors: [SellingPartnerError.APIError] }
        if let list = try? JSONDecoder().decode(ErrorList.self, from: response.body) {
            return .api(status: response.status, errors: list.errors)
        }
        return .api(status: response.status, errors: [.init(code: "HTTP\(response.status)", message: "response without an ErrorList body")])
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC. The ISO 8601 style is pure Swift: a DateFormatter per request would load ICU's
    /// locale and calendar data into every daemon's memory (issue 6: idle RSS) and cost CPU on each call.
    static func amzDate(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(dateSeparator: .omitted, dateTimeSeparator: .standard, timeSeparator: .omitted,
                                               timeZoneSeparator: .omitted, includingFractionalSeconds: false, timeZone: .gmt))
    }

    // MARK: Sellers

    /// Sellers getMarketplaceParticipations.
    public func getMarketplaceParticipations() async throws -> GetMarketplaceParticipationsResponse {
        try await send(operation: "sellers.getMarketplaceParticipations", method: "GET",
                       path: "/sellers/v1/marketplaceParticipations", as: GetMarketplaceParticipationsResponse.self)
    }
}

extension CharacterSet {
    /// RFC 3986 unreserved characters plus ',' which SP-API uses to separate list values.
    static let sellingPartnerQueryValue: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~,")
        return set
    }()
}
