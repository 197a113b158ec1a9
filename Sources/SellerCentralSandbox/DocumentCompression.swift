import CompressNIO
import NIOCore

/// Gzips report and feed-result documents the way Amazon stores them behind `compressionAlgorithm: GZIP`.
enum DocumentCompression {
    /// Result documents carry this id prefix; they are stored gzipped, uploaded feed inputs are stored as sent.
    static let resultPrefixes = ["amzn1.spdoc.1.4.na.sandbox-", "amzn1.tortuga.4.na.sandbox-report-"]

    static func isCompressed(_ documentId: String) -> Bool { resultPrefixes.contains { documentId.hasPrefix($0) } }

    /// `fast` uses zlib's level 1: a 50,000-order report compresses several times faster for a slightly larger file.
    static func gzip(_ bytes: [UInt8], fast: Bool = false) -> [UInt8] {
        var input = ByteBuffer(bytes: bytes)
        let algorithm: CompressionAlgorithm = fast ? .gzip(configuration: .init(compressionLevel: 1)) : .gzip()
        // zlib only fails here on memory exhaustion; an uncompressed document is still a valid answer then.
        guard let output = try? input.compress(with: algorithm) else { return bytes }
        return Array(output.readableBytesView)
    }

    static func gunzip(_ bytes: [UInt8]) -> [UInt8]? {
        var input = ByteBuffer(bytes: bytes)
        guard let output = try? input.decompress(with: .gzip()) else { return nil }
        return Array(output.readableBytesView)
    }
}
