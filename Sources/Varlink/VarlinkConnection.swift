import Foundation
import Logging
import NIOCore

/// Serves one accepted connection: reads calls in order, validates, dispatches and writes replies sequentially.
struct VarlinkConnection {
    let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
    let peer: VarlinkPeer
    let handlers: [String: any VarlinkInterfaceHandler]
    let logger: Logger

    /// Parsed form of one incoming message.
    private struct Request {
        var interface: String
        var method: String
        var parameters: [String: JSONValue]
        var more: Bool
        var oneway: Bool
    }

    func run() async {
        do {
            try await channel.executeThenClose { inbound, outbound in
                do {
                    for try await frame in inbound {
                        guard try await serve(frame, outbound: outbound) else { return }
                    }
                } catch is NULFrameDecoder.MessageTooLarge {
                    logger.debug("Varlink message too large, closing connection", metadata: ["peer.uid": "\(peer.uid)"])
                    try? await write(error: VarlinkError.protocolError("message too large"), to: outbound)
                }
            }
        } catch {
            logger.debug("Varlink connection ended with an error", metadata: ["peer.uid": "\(peer.uid)", "error.type": "\(type(of: error))"])
        }
    }

    /// Serves one message; returns false when the connection must be closed.
    private func serve(_ frame: ByteBuffer, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async throws -> Bool {
        let request: Request
        do {
            request = try Self.parse(frame)
        } catch {
            logger.debug("Varlink message is not a valid call, closing connection", metadata: ["peer.uid": "\(peer.uid)"])
            try? await write(error: error, to: outbound)
            return false
        }
        let fullName = request.interface + "." + request.method
        logger.debug("Varlink call", metadata: ["varlink.method": "\(fullName)", "peer.uid": "\(peer.uid)"])
        let sender = ConnectionReplySender(outbound: outbound, oneway: request.oneway, more: request.more)
        do {
            guard let handler = handlers[request.interface] else { throw VarlinkError.interfaceNotFound(request.interface) }
            let interface = handler.interface
            guard let signature = interface.methods[request.method] else { throw VarlinkError.methodNotFound(fullName) }
            try VarlinkParameterValidator(interface: interface).validate(request.parameters, against: signature.input)
            let call = VarlinkCall(interface: request.interface, method: request.method, parameters: request.parameters,
                                   more: request.more, oneway: request.oneway, peer: peer)
            try await handler.handle(call, replies: sender)
        } catch let error as VarlinkError {
            if !request.oneway { try await write(error: error, to: outbound) }
        } catch let error as ReplyWriteFailure {
            throw error.underlying
        } catch is CancellationError {
            return false
        } catch {
            // An unexpected handler error must not leak its text to the client; report a generic failure.
            logger.debug("Varlink handler failed", metadata: ["varlink.method": "\(fullName)", "error.type": "\(type(of: error))"])
            if !request.oneway { try await write(error: VarlinkError("org.varlink.service.InternalError"), to: outbound) }
        }
        return true
    }

    private static func parse(_ frame: ByteBuffer) throws(VarlinkError) -> Request {
        let bytes = Data(frame.readableBytesView)
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: bytes)
        } catch {
            throw .protocolError("message is not valid JSON")
        }
        guard case .object(let message) = value else { throw .protocolError("message is not a JSON object") }
        guard case .string(let qualified)? = message["method"] else { throw .protocolError("message has no method") }
        guard let dot = qualified.lastIndex(of: "."), dot != qualified.startIndex, qualified.index(after: dot) != qualified.endIndex else {
            throw .methodNotFound(qualified)
        }
        var parameters: [String: JSONValue] = [:]
        switch message["parameters"] {
        case nil, .null?: break
        case .object(let p)?: parameters = p
        default: throw .invalidParameter("parameters")
        }
        func flag(_ key: String) throws(VarlinkError) -> Bool {
            switch message[key] {
            case nil, .null?: return false
            case .bool(let b)?: return b
            default: throw .protocolError("\(key) is not a boolean")
            }
        }
        return Request(interface: String(qualified[..<dot]), method: String(qualified[qualified.index(after: dot)...]),
                       parameters: parameters, more: try flag("more"), oneway: try flag("oneway"))
    }

    private func write(error: Error, to outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async throws {
        let varlinkError = error as? VarlinkError ?? .protocolError("invalid message")
        var message: [String: JSONValue] = ["error": .string(varlinkError.name)]
        message["parameters"] = .object(varlinkError.parameters)
        try await outbound.write(Self.frame(try JSONEncoder().encode(JSONValue.object(message))))
    }

    static func frame(_ data: Data) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(data.count + 1)
        buffer.writeBytes(data)
        buffer.writeInteger(UInt8(0))
        return buffer
    }
}

/// Wraps a transport failure while sending a reply, so it is not mistaken for a handler error.
struct ReplyWriteFailure: Error {
    let underlying: any Error
}

/// Writes a call's replies to its connection; drops them for `oneway` calls.
struct ConnectionReplySender: VarlinkReplySender {
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let oneway: Bool
    let more: Bool

    func send(_ parameters: some Encodable & Sendable, continues: Bool) async throws {
        if oneway { return }
        // `continues` is only meaningful when the client asked for more; otherwise a handler bug would confuse it.
        let continuing = continues && more
        var data = Data(#"{"parameters":"#.utf8)
        if let encoded = parameters as? VarlinkEncodedParameters {
            data.append(encoded.json)
        } else {
            data.append(try JSONEncoder().encode(parameters))
        }
        data.append(contentsOf: Array((continuing ? #","continues":true}"# : "}").utf8))
        do {
            try await outbound.write(VarlinkConnection.frame(data))
        } catch {
            throw ReplyWriteFailure(underlying: error)
        }
    }
}
