/// Why a Selling Partner API operation failed, in words the daemon can show an operator.
public enum SellingPartnerError: Error, Sendable, CustomStringConvertible {
    /// One entry of an SP-API `ErrorList` body.
    public struct APIError: Sendable, Equatable, Codable {
        public var code: String
        public var message: String
        public var details: String?
        public init(code: String, message: String, details: String? = nil) {
            self.code = code
            self.message = message
            self.details = details
        }
    }

    /// LWA refused the credentials; `fix` says what the operator must do.
    case authorization(reason: String, fix: String)
    /// SP-API answered with an error status and (usually) an ErrorList body.
    case api(status: Int, errors: [APIError])
    /// A response could not be decoded; `field` is the coding path of the offending field.
    case decoding(operation: String, field: String, reason: String)
    /// The transport kept failing after every allowed retry.
    case transport(operation: String, attempts: Int, last: TransportError)
    /// SP-API kept throttling past the client's cap on waits.
    case throttled(operation: String, attempts: Int)
    /// A request could not be formed from the given values.
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .authorization(let reason, let fix): "Amazon refused the authorization (\(reason)). \(fix)"
        case .api(let status, let errors):
            "Amazon answered \(status): " + errors.map { "\($0.code): \($0.message)" + ($0.details.map { " (\($0))" } ?? "") }.joined(separator: "; ")
        case .decoding(let operation, let field, let reason): "could not read \(operation) response at \(field): \(reason)"
        case .transport(let operation, let attempts, let last): "\(operation) failed after \(attempts) attempts: \(last)"
        case .throttled(let operation, let attempts): "\(operation) still throttled after \(attempts) attempts; lower the request rate"
        case .invalidRequest(let why): "invalid request: \(why)"
        }
    }
}
