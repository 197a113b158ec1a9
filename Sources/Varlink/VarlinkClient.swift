import Foundation
import NIOCore
import NIOPosix

/// A Varlink client over a Unix socket: calls, streamed (`more`) calls and oneway calls.
public final class VarlinkClient: Sendable {
    private let channel: any Channel
    private let handler: VarlinkClientHandler

    private init(channel: any Channel, handler: VarlinkClientHandler) {
        self.channel = channel
        self.handler = handler
    }

    /// Connects to the service listening on `path`.
    public static func connect(path: String, maxReplyBytes: Int = 64 << 20) async throws -> VarlinkClient {
        let handler = VarlinkClientHandler()
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(NULFrameDecoder(maxMessageBytes: maxReplyBytes)))
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                }
                .connect(unixDomainSocketPath: path).get()
            return VarlinkClient(channel: channel, handler: handler)
        } catch {
            throw VarlinkClientError.cannotConnect(path: path, reason: Self.reason(error))
        }
    }

    /// Calls `method` (fully qualified) and decodes its single reply; a named error reply throws `VarlinkError`.
    public func call<R: Decodable>(_ method: String, parameters: some Encodable & Sendable, returning: R.Type) async throws -> R {
        var last: [String: JSONValue]?
        for try await reply in try send(method, parameters, more: false, oneway: false) { last = reply }
        guard let reply = last else { throw VarlinkClientError.connectionClosed }
        return try Self.decode(reply, as: R.self)
    }

    /// Calls `method` with `more: true`; yields every reply until the one without `continues`.
    public func callMore<R: Decodable & Sendable>(_ method: String, parameters: some Encodable & Sendable, returning: R.Type) throws -> AsyncThrowingStream<R, any Error> {
        let replies = try send(method, parameters, more: true, oneway: false)
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await reply in replies { continuation.yield(try Self.decode(reply, as: R.self)) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Calls `method` with `oneway: true`: the service sends no reply.
    public func callOneway(_ method: String, parameters: some Encodable & Sendable) async throws {
        let data = try Self.encodeCall(method, parameters, more: false, oneway: true)
        try await channel.writeAndFlush(data)
    }

    /// Closes the connection.
    public func close() async {
        try? await channel.close()
    }

    private struct CallMessage<P: Encodable>: Encodable {
        var method: String
        var parameters: P
        var more: Bool?
        var oneway: Bool?
    }

    private func send(_ method: String, _ parameters: some Encodable & Sendable, more: Bool, oneway: Bool) throws -> AsyncThrowingStream<[String: JSONValue], any Error> {
        let data = try Self.encodeCall(method, parameters, more: more, oneway: oneway)
        let (stream, continuation) = AsyncThrowingStream<[String: JSONValue], any Error>.makeStream()
        let handler = self.handler
        let channel = self.channel
        channel.eventLoop.execute {
            handler.enqueue(continuation)
            channel.writeAndFlush(data).whenFailure { error in
                continuation.finish(throwing: VarlinkClientError.cannotConnect(path: "socket", reason: Self.reason(error)))
            }
        }
        return stream
    }

    private static func encodeCall(_ method: String, _ parameters: some Encodable, more: Bool, oneway: Bool) throws -> ByteBuffer {
        let data = try JSONEncoder().encode(CallMessage(method: method, parameters: parameters, more: more ? true : nil, oneway: oneway ? true : nil))
        return VarlinkServer.frame(data)
    }

    private static func decode<R: Decodable>(_ reply: [String: JSONValue], as type: R.Type) throws -> R {
        let parameters = reply["parameters"] ?? .object([:])
        do {
            return try parameters.decode(R.self)
        } catch {
            throw VarlinkClientError.invalidReply("\(error)")
        }
    }

    private static func reason(_ error: any Error) -> String {
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        return "\(error)"
    }
}
