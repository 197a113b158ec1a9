import Foundation

/// One validated method call as handed to an interface handler.
public struct VarlinkCall: Sendable {
    public let interface: String
    /// The short method name, without the interface prefix.
    public let method: String
    public let parameters: [String: JSONValue]
    public let more: Bool
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

    /// Decodes the parameters into `P`; a failure becomes `InvalidParameter` naming the offending field.
    public func decode<P: Decodable>(_ type: P.Type) throws(VarlinkError) -> P {
        do {
            return try JSONValue.object(parameters).decode(P.self)
        } catch let error as DecodingError {
            throw .invalidParameter(Self.parameterName(of: error))
        } catch {
            throw .invalidParameter("parameters")
        }
    }

    static func parameterName(of error: DecodingError) -> String {
        let path: [any CodingKey]
        switch error {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        @unknown default: path = []
        }
        return path.first?.stringValue ?? "parameters"
    }
}

/// Sends the replies of one call; the server supplies it to the handler.
public protocol VarlinkReplySender: Sendable {
    func send(_ parameters: some Encodable & Sendable, continues: Bool) async throws
}

extension VarlinkReplySender {
    /// Sends the final reply.
    public func send(_ parameters: some Encodable & Sendable) async throws {
        try await send(parameters, continues: false)
    }
}

/// Serves the methods of one Varlink interface.
public protocol VarlinkInterfaceHandler: Sendable {
    var interface: VarlinkInterface { get }
    /// Called for each validated call. Send zero or more replies with `continues: true` (only if call.more) and
    /// then exactly one final reply (continues: false), or throw a VarlinkError (sent as an error reply).
    func handle(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws
}

/// An empty parameter object, for replies without fields.
public struct VarlinkEmpty: Codable, Sendable, Hashable {
    public init() {}
}
