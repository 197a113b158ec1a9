/// Why a transport could not deliver a complete response.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    case connectionFailed(String)
    case timeout
    case connectionReset
    case tlsFailure(String)
    case truncatedBody
    case other(String)

    public var description: String {
        switch self {
        case .connectionFailed(let why): "could not connect (\(why)); check the endpoint and the network"
        case .timeout: "the request timed out; it will be retried, check the network if it persists"
        case .connectionReset: "the peer closed the connection before a response; it will be retried"
        case .tlsFailure(let why): "TLS failed (\(why)); check the system CA store and the endpoint"
        case .truncatedBody: "the response body ended early; it will be retried"
        case .other(let why): "transport failure: \(why)"
        }
    }
}
