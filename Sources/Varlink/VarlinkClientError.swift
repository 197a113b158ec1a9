/// Why a Varlink client call failed other than by a named error reply.
public enum VarlinkClientError: Error, Sendable, CustomStringConvertible {
    case cannotConnect(path: String, reason: String)
    case connectionClosed
    case invalidReply(String)

    public var description: String {
        switch self {
        case .cannotConnect(let path, let reason): return "cannot connect to \(path): \(reason)"
        case .connectionClosed: return "the service closed the connection"
        case .invalidReply(let reason): return "the service's reply is not valid Varlink: \(reason)"
        }
    }
}
