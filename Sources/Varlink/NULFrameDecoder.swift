import NIOCore

/// What the framing layer yields: a complete message, or notice that one grew past the size bound.
enum VarlinkFrame: Sendable {
    case message(ByteBuffer)
    case oversize
}

/// Splits a byte stream into NUL-terminated Varlink messages, bounding each message's size.
struct NULFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = VarlinkFrame

    let maxMessageBytes: Int
    private var scanned = 0
    private var overflowed = false

    init(maxMessageBytes: Int) {
        self.maxMessageBytes = maxMessageBytes
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if overflowed {
            // Past the bound the connection is closed; drop whatever still arrives.
            buffer.moveReaderIndex(to: buffer.writerIndex)
            return .needMoreData
        }
        let view = buffer.readableBytesView
        if let offset = view.dropFirst(scanned).firstIndex(of: 0) {
            let length = offset - view.startIndex
            scanned = 0
            if length > maxMessageBytes {
                overflowed = true
                buffer.moveReaderIndex(to: buffer.writerIndex)
                context.fireChannelRead(Self.wrapInboundOut(.oversize))
                return .needMoreData
            }
            let message = buffer.readSlice(length: length)!
            buffer.moveReaderIndex(forwardBy: 1)
            context.fireChannelRead(Self.wrapInboundOut(.message(message)))
            return .continue
        }
        scanned = view.count
        if view.count > maxMessageBytes {
            overflowed = true
            buffer.moveReaderIndex(to: buffer.writerIndex)
            context.fireChannelRead(Self.wrapInboundOut(.oversize))
        }
        return .needMoreData
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        // A partial message at EOF is discarded: the peer went away mid-message.
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }
}
