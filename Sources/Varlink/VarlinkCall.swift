import Foundation

/// One method call, validated against the interface's IDL before a handler sees it.
public struct VarlinkCall: Sendable {
    /// The interface name, e.g. `io.invsync.Daemon`.
    public let interface: String
    /// The method's short name, e.g. `GetStatus`.
    public let method: String
    public let parameters: [String: JSONValue]
    /// The caller accepts several replies (`continues: true` until the last).
    public let more: Bool
    /// The caller wants no reply at all.
    public let oneway: Bool
    public let peer: VarlinkPeer

    public init(interface: String, method: String, parameters: [String: JSONValue], more: Bool, oneway: Bool, peer: VarlinkPeer) {
        self.interface = interface
        self.method = method
        self.parameters = parameters
        self.more = more
        self.oneway = oneway
        self.peer = peer
    }

    /// The parameters as `P`; a mismatch is `org.varlink.service.InvalidParameter` naming the parameter.
    public func decode<P: Decodable>(_ type: P.Type) throws(VarlinkError) -> P {
        do {
            return try JSONValue.object(parameters).decode(P.self)
        } catch let error as DecodingError {
            throw VarlinkError.invalidParameter(Self.parameterName(error))
        } catch {
            throw VarlinkError.invalidParameter("parameters")
        }
    }

    private static func parameterName(_ error: DecodingError) -> String {
        let path: [any CodingKey]
        switch error {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        @unknown default: path = []
        }
        return path.first?.stringValue ?? "parameters"
    }
}

/// Sends the replies of one call, in order, on its connection.
public protocol VarlinkReplySender: Sendable {
    /// Sends one reply; `continues: true` only for calls made with `more`, and never on the last reply.
    func send(_ parameters: some Encodable & Sendable, continues: Bool) async throws
}

/// Serves the methods of one Varlink interface.
public protocol VarlinkInterfaceHandler: Sendable {
    /// The parsed IDL of the interface: its name, text and method signatures.
    var interface: VarlinkInterface { get }

    /// Handles one validated call: zero or more replies with `continues: true` (only when `call.more`), then
    /// exactly one final reply, or a thrown `VarlinkError`, which is sent as the error reply.
    func handle(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws
}
