import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// Serves Varlink interfaces on a listening socket: one task per connection, calls answered in order,
/// every call validated against its interface's IDL; ends on graceful shutdown.
public struct VarlinkServer: Service {
    /// Bounds that keep a hostile or broken client from hurting the daemon.
    public struct Limits: Sendable {
        /// A message (JSON up to its NUL) larger than this is answered with an error and the connection closed.
        public var maxMessageBytes: Int
        /// Connections beyond this are closed at once; existing ones keep working.
        public var maxConnections: Int

        public init(maxMessageBytes: Int = 1 << 20, maxConnections: Int = 512) {
            self.maxMessageBytes = maxMessageBytes
            self.maxConnections = maxConnections
        }
    }

    let listener: VarlinkListener
    let handlers: [String: any VarlinkInterfaceHandler]
    let logger: Logger
    private let connections = ConnectionRegistry()

    public init(listener: VarlinkListener, info: VarlinkServiceInfo, handlers: [any VarlinkInterfaceHandler], logger: Logger) {
        let service = VarlinkServiceInterface(info: info, others: handlers.map(\.interface))
        var byName: [String: any VarlinkInterfaceHandler] = [service.interface.name: service]
        for handler in handlers { byName[handler.interface.name] = handler }
        self.listener = listener
        self.handlers = byName
        self.logger = logger
    }

    public func run() async throws {
        let serverChannel = listener.channel
        let connections = self.connections
        try await withGracefulShutdownHandler {
            try await serverChannel.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await accepted in inbound {
                        guard connections.open(accepted.channel.channel, limit: listener.limits.maxConnections) else {
                            logger.debug("varlink connection refused: too many connections", metadata: ["peer.uid": "\(accepted.peer.uid)"])
                            accepted.channel.channel.close(promise: nil)
                            continue
                        }
                        group.addTask {
                            await self.serve(accepted)
                            connections.closed(accepted.channel.channel)
                        }
                    }
                }
            }
        } onGracefulShutdown: {
            serverChannel.channel.close(promise: nil)
            connections.closeAll()
        }
        if let path = listener.path { unlink(path) }
    }

    /// The number of open connections (for status and tests).
    public var openConnections: Int { connections.count }

    private func serve(_ accepted: VarlinkListener.Accepted) async {
        let peer = VarlinkPeer(
            pid: accepted.peer.pid, uid: accepted.peer.uid, gid: accepted.peer.gid,
            groups: VarlinkPeer.supplementaryGroups(pid: accepted.peer.pid))
        do {
            try await accepted.channel.executeThenClose { inbound, outbound in
                for try await frame in inbound {
                    switch frame {
                    case .oversize:
                        logger.debug("varlink message over the size bound; closing", metadata: ["peer.uid": "\(peer.uid)", "limit": "\(listener.limits.maxMessageBytes)"])
                        try await outbound.write(Self.encodeError(VarlinkError.invalidParameter("message")))
                        return
                    case .message(let buffer):
                        guard try await dispatch(buffer, peer: peer, outbound: outbound) else { return }
                    }
                }
            }
        } catch {
            logger.debug("varlink connection ended", metadata: ["peer.uid": "\(peer.uid)", "error": "\(error)"])
        }
    }

    /// A call as it arrives on the wire.
    private struct CallMessage: Decodable {
        var method: String
        var parameters: [String: JSONValue]?
        var more: Bool?
        var oneway: Bool?
        var upgrade: Bool?
    }

    /// Answers one message; false when the connection must close (the message was not a valid call).
    private func dispatch(_ buffer: ByteBuffer, peer: VarlinkPeer, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async throws -> Bool {
        let message: CallMessage
        do {
            message = try JSONDecoder().decode(CallMessage.self, from: Data(buffer.readableBytesView))
        } catch {
            logger.debug("varlink message is not a valid call; closing", metadata: ["peer.uid": "\(peer.uid)"])
            try await outbound.write(Self.encodeError(VarlinkError.invalidParameter("message")))
            return false
        }
        let oneway = message.oneway ?? false
        let sender = ReplySender(outbound: outbound, oneway: oneway, more: message.more ?? false)
        do {
            let call = try resolve(message, peer: peer)
            logger.debug("varlink call", metadata: ["varlink.method": "\(message.method)", "peer.uid": "\(peer.uid)"])
            try await handlers[call.interface]!.handle(call, replies: sender)
            if !sender.finished {
                try await sender.send(EmptyParameters(), continues: false)
            }
        } catch let error as VarlinkError {
            if !oneway { try await outbound.write(Self.encodeError(error)) }
        } catch let error as ReplySender.WriteFailure {
            throw error.underlying
        } catch {
            logger.debug("varlink handler failed", metadata: ["varlink.method": "\(message.method)", "error": "\(error)"])
            if !oneway { try await outbound.write(Self.encodeError(VarlinkError("org.varlink.service.InternalError", parameters: ["method": .string(message.method)]))) }
        }
        return true
    }

    private func resolve(_ message: CallMessage, peer: VarlinkPeer) throws(VarlinkError) -> VarlinkCall {
        guard let dot = message.method.lastIndex(of: "."), dot != message.method.startIndex else {
            throw VarlinkError.invalidParameter("method")
        }
        let interfaceName = String(message.method[..<dot])
        let methodName = String(message.method[message.method.index(after: dot)...])
        guard let handler = handlers[interfaceName] else { throw VarlinkError.interfaceNotFound(interfaceName) }
        guard let signature = handler.interface.methods[methodName] else { throw VarlinkError.methodNotFound(message.method) }
        if message.upgrade == true { throw VarlinkError.methodNotImplemented(message.method) }
        let parameters = message.parameters ?? [:]
        try VarlinkValidator(interface: handler.interface).validate(parameters, against: signature.input)
        return VarlinkCall(
            interface: interfaceName, method: methodName, parameters: parameters, more: message.more ?? false,
            oneway: message.oneway ?? false, peer: peer)
    }

    private struct EmptyParameters: Encodable, Sendable {}

    private struct ErrorMessage: Encodable {
        var error: String
        var parameters: [String: JSONValue]
    }

    static func encodeError(_ error: VarlinkError) -> ByteBuffer {
        frame((try? JSONEncoder().encode(ErrorMessage(error: error.name, parameters: error.parameters))) ?? Data("{}".utf8))
    }

    static func frame(_ data: Data) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(data.count + 1)
        buffer.writeBytes(data)
        buffer.writeInteger(UInt8(0))
        return buffer
    }

    /// Writes the replies of one call.
    final class ReplySender: VarlinkReplySender {
        struct WriteFailure: Error {
            let underlying: any Error
        }

        private struct ReplyMessage<P: Encodable>: Encodable {
            var parameters: P
            var continues: Bool?
        }

        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        let oneway: Bool
        let more: Bool
        private let state = Mutex(false)

        init(outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, oneway: Bool, more: Bool) {
            self.outbound = outbound
            self.oneway = oneway
            self.more = more
        }

        var finished: Bool { state.withLock { $0 } }

        func send(_ parameters: some Encodable & Sendable, continues: Bool) async throws {
            let alreadyFinished = state.withLock { done in
                defer { if !continues { done = true } }
                return done
            }
            if alreadyFinished { return }
            if oneway { return }
            let data = try JSONEncoder().encode(ReplyMessage(parameters: parameters, continues: continues && more ? true : nil))
            do {
                try await outbound.write(VarlinkServer.frame(data))
            } catch {
                throw WriteFailure(underlying: error)
            }
        }
    }
}

/// The open connections of a server, bounded, so a shutdown can close them all.
final class ConnectionRegistry: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    func open(_ channel: any Channel, limit: Int) -> Bool {
        channels.withLock { open in
            guard open.count < limit else { return false }
            open[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    func closed(_ channel: any Channel) {
        _ = channels.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    func closeAll() {
        let all = channels.withLock { Array($0.values) }
        for channel in all { channel.close(promise: nil) }
    }

    var count: Int { channels.withLock { $0.count } }
}
