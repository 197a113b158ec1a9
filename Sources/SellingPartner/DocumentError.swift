/// Why a report or feed document could not be moved or read.
public enum DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The document host refused the request (S3 answers in XML; `code` is its error code when readable).
    case refused(status: Int, code: String?)
    /// The bytes said GZIP but are not a complete gzip stream (corrupt or cut short).
    case corruptGzip(String)
    /// The document names a compression the client does not know.
    case unsupportedCompression(String)
    /// The feed is larger than Amazon accepts in one feed.
    case tooManyMessages(Int)

    public var description: String {
        switch self {
        case .refused(let status, let code):
            "the document host answered \(status)\(code.map { " (\($0))" } ?? ""); an expired URL needs a fresh getReportDocument/getFeedDocument, a signature mismatch means the upload Content-Type differs from createFeedDocument's"
        case .corruptGzip(let why): "the document is not valid gzip (\(why)); download it again, and report it to Amazon if it persists"
        case .unsupportedCompression(let name): "the document uses compression \(name), which this client cannot read; update invsyncd"
        case .tooManyMessages(let n): "a listings feed holds at most 25000 messages, this one has \(n); split it into several feeds"
        }
    }
}
