/// A Varlink error reply: a fully qualified error name plus its parameters, thrown by handlers and clients.
public struct VarlinkError: Error, Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let parameters: [String: JSONValue]

    public init(_ name: String, parameters: [String: JSONValue] = [:]) {
        self.name = name
        self.parameters = parameters
    }

    public var description: String {
        parameters.isEmpty ? "Varlink error \(name)" : "Varlink error \(name) \(parameters)"
    }

    public static func interfaceNotFound(_ interface: String) -> VarlinkError {
        VarlinkError("org.varlink.service.InterfaceNotFound", parameters: ["interface": .string(interface)])
    }
    public static func methodNotFound(_ method: String) -> VarlinkError {
        VarlinkError("org.varlink.service.MethodNotFound", parameters: ["method": .string(method)])
    }
    public static func methodNotImplemented(_ method: String) -> VarlinkError {
        VarlinkError("org.varlink.service.MethodNotImplemented", parameters: ["method": .string(method)])
    }
    public static func invalidParameter(_ parameter: String) -> VarlinkError {
        VarlinkError("org.varlink.service.InvalidParameter", parameters: ["parameter": .string(parameter)])
    }
    public static let permissionDenied = VarlinkError("org.varlink.service.PermissionDenied")
    public static let expectedMore = VarlinkError("org.varlink.service.ExpectedMore")
    /// Not in the spec's interface: sent before the server closes a connection whose bytes are not a valid message.
    public static func protocolError(_ reason: String) -> VarlinkError {
        VarlinkError("org.varlink.service.ProtocolError", parameters: ["reason": .string(reason)])
    }
}

/// Why an IDL text could not be parsed, with the 1-based line and column of the problem.
public struct VarlinkIDLError: Error, Sendable, Hashable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String

    public var description: String { "Varlink IDL error at line \(line), column \(column): \(message)" }
}

/// Why the client could not complete a call at the transport level (as opposed to a `VarlinkError` reply).
public enum VarlinkClientError: Error, Sendable, Hashable, CustomStringConvertible {
    case connectFailed(path: String, errno: Int32)
    case connectionClosed
    case ioFailed(errno: Int32)
    case malformedReply

    public var description: String {
        switch self {
        case .connectFailed(let path, let e): "Cannot connect to Varlink socket \(path): \(String(cString: strerror(e))); is the service running?"
        case .connectionClosed: "The Varlink service closed the connection."
        case .ioFailed(let e): "Varlink socket I/O failed: \(String(cString: strerror(e)))"
        case .malformedReply: "The Varlink service sent a reply that is not a valid message."
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
