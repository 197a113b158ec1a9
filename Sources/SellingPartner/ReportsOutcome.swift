import Foundation

/// How a requested report ended: its plain document, a cancellation, a failure with Amazon's explanation, or no end in time.
public enum ReportsOutcome: Sendable {
    case done(report: Report, contents: Data)
    /// Amazon cancelled it (e.g. no data for the period); there is no document.
    case cancelled(report: Report)
    /// Amazon failed it; `errorDocument` is the explanation document when Amazon provided one.
    case fatal(report: Report, errorDocument: Data?)
    /// Still IN_QUEUE/IN_PROGRESS (or an unknown status) when the time allowed ran out.
    case timedOut(report: Report)
}
