import NIOCore

/// Splits the byte stream into NUL-terminated messages and bounds the bytes buffered per connection.
struct NULFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    /// Thrown when a message exceeds the limit, including while its NUL has not arrived yet.
    struct MessageTooLarge: Error {}

    let maxMessageBytes: Int

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let nul = buffer.readableBytesView.firstIndex(of: 0) else {
            if buffer.readableBytes > maxMessageBytes { throw MessageTooLarge() }
            return .needMoreData
        }
        let length = nul - buffer.readerIndex
        if length > maxMessageBytes { throw MessageTooLarge() }
        let frame = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        context.fireChannelRead(Self.wrapInboundOut(frame))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        // A trailing fragment without NUL at EOF is not a message; drop it.
        while try decode(context: context, buffer: &buffer) == .continue {}
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }
}
