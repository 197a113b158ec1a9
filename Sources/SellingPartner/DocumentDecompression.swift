import CompressNIO
import Foundation
import NIOCore

/// Turns a downloaded document into its plain bytes according to its compressionAlgorithm.
public enum DocumentDecompression {
    /// Plain bytes of `data`; GZIP is inflated, a corrupt or truncated stream is `DocumentError.corruptGzip`.
    public static func plain(_ data: Data, compression: DocumentCompressionAlgorithm?) throws -> Data {
        guard let compression else { return data }
        guard compression == .gzip else { throw DocumentError.unsupportedCompression(compression.rawValue) }
        return try gunzip(data)
    }

    public static func gunzip(_ data: Data) throws -> Data {
        // A gzip member is at least a 10-byte header and an 8-byte trailer, and starts with 1f 8b.
        guard data.count >= 18, data[data.startIndex] == 0x1f, data[data.startIndex + 1] == 0x8b else {
            throw DocumentError.corruptGzip("missing gzip header")
        }
        var input = ByteBuffer(bytes: data)
        let output: ByteBuffer
        do {
            output = try input.decompress(with: .gzip())
        } catch {
            throw DocumentError.corruptGzip("\(error)")
        }
        let plain = Data(output.readableBytesView)
        // zlib verifies the CRC at the stream's end; the trailer's ISIZE also catches a stream cut before its end.
        let trailer = data.suffix(4)
        let size = trailer.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard size == UInt32(truncatingIfNeeded: plain.count) else {
            throw DocumentError.corruptGzip("length \(plain.count) differs from the trailer's \(size)")
        }
        return plain
    }

    /// Gzips `data`; for tests and for feeds a caller chooses to compress.
    public static func gzip(_ data: Data) throws -> Data {
        var input = ByteBuffer(bytes: data)
        do {
            let output = try input.compress(with: .gzip())
            return Data(output.readableBytesView)
        } catch {
            throw DocumentError.corruptGzip("could not compress: \(error)")
        }
    }
}
