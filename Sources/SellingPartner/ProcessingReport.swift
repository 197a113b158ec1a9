import Foundation

/// A JSON_LISTINGS_FEED processing report (listings-feed-processing-report-schema-v2) and each message's fate.
public struct ProcessingReport: Codable, Sendable {
    public struct Header: Codable, Sendable {
        public var sellerId: String
        public var version: String
        public var feedId: String
    }

    /// ERROR, WARNING or INFO; unknown values decode.
    public struct Severity: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let error = Self(rawValue: "ERROR")
        public static let warning = Self(rawValue: "WARNING")
        public static let info = Self(rawValue: "INFO")
    }

    public struct Issue: Codable, Sendable, Equatable {
        /// Absent when the issue concerns the whole feed (e.g. its format).
        public var messageId: Int?
        public var sku: String?
        public var code: String?
        public var severity: Severity
        public var message: String
        public var attributeName: String?
        /// Some reports list several attributes per issue.
        public var attributeNames: [String]?
    }

    public struct Summary: Codable, Sendable, Equatable {
        public var errors: Int
        public var warnings: Int
        public var messagesProcessed: Int
        public var messagesAccepted: Int
        public var messagesInvalid: Int
    }

    /// What happened to one submitted message.
    public enum MessageResult: Sendable, Equatable {
        /// Accepted; `warnings` are its WARNING/INFO issues.
        case accepted(warnings: [Issue])
        /// Rejected with at least one ERROR issue.
        case rejected(issues: [Issue])
    }

    public var header: Header
    public var issues: [Issue]
    public var summary: Summary

    /// Reads a processing report document (plain JSON, already gunzipped).
    public static func parse(_ data: Data) throws -> ProcessingReport {
        try ResponseDecoder.decode(ProcessingReport.self, from: data, operation: "JSON_LISTINGS_FEED processing report")
    }

    /// Issues that concern the whole feed rather than one message; an ERROR here means nothing was processed.
    public var feedIssues: [Issue] { issues.filter { $0.messageId == nil } }

    /// The result of every submitted message: rejected when it has an ERROR issue, otherwise accepted.
    public func results(messageIds: some Sequence<Int>) -> [Int: MessageResult] {
        let byMessage = Dictionary(grouping: issues.filter { $0.messageId != nil }, by: { $0.messageId! })
        var results: [Int: MessageResult] = [:]
        for id in messageIds {
            let own = byMessage[id] ?? []
            results[id] = own.contains { $0.severity == .error } ? .rejected(issues: own) : .accepted(warnings: own)
        }
        return results
    }
}
