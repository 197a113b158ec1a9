import Foundation

/// Why an item sync run stopped before it had fetched every listing.
public enum ItemSyncError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request names a channel the configuration does not declare.
    case channelNotDeclared(String)
    /// Amazon failed the listings report (processing status FATAL).
    case reportFailed(reportId: String)
    /// The listings report did not finish within the time allowed.
    case reportTimedOut(reportId: String)

    public var description: String {
        switch self {
        case .channelNotDeclared(let name):
            "channel \(name) is not declared; declare it in the configuration and reload"
        case .reportFailed(let id):
            "Amazon failed listings report \(id); the next sync asks for a new one, check Seller Central if it persists"
        case .reportTimedOut(let id):
            "listings report \(id) did not finish in time; the next sync asks for a new one"
        }
    }
}
