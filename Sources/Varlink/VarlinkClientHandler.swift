import Foundation
import NIOCore

/// Matches reply frames to pending calls in order (Varlink answers the calls of a connection sequentially).
/// Its state is touched only on the channel's event loop.
final class VarlinkClientHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = VarlinkFrame

    typealias Continuation = AsyncThrowingStream<[String: JSONValue], any Error>.Continuation

    private var pending: [Continuation] = []
    private var closed = false

    /// Registers a call's reply stream; must run on the event loop, before the call is written.
    func enqueue(_ continuation: Continuation) {
        if closed {
            continuation.finish(throwing: VarlinkClientError.connectionClosed)
        } else {
            pending.append(continuation)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .oversize:
            failAll(VarlinkClientError.invalidReply("reply larger than the client's bound"))
            context.close(promise: nil)
        case .message(let buffer):
            guard let first = pending.first else { return }
            guard case .object(let message)? = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView)) else {
                failAll(VarlinkClientError.invalidReply("not a JSON object"))
                context.close(promise: nil)
                return
            }
            if case .string(let name)? = message["error"] {
                var parameters: [String: JSONValue] = [:]
                if case .object(let object)? = message["parameters"] { parameters = object }
                pending.removeFirst()
                first.finish(throwing: VarlinkError(name, parameters: parameters))
                return
            }
            first.yield(message)
            if message["continues"] != .bool(true) {
                pending.removeFirst()
                first.finish()
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        failAll(VarlinkClientError.connectionClosed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(error)
        context.close(promise: nil)
    }

    private func failAll(_ error: any Error) {
        let all = pending
        pending.removeAll()
        for continuation in all { continuation.finish(throwing: error) }
    }
}
