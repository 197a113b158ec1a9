import Foundation

/// Wire types of Reports API 2021-06-30, named after the model's definitions.
public struct CreateReportSpecification: Codable, Sendable, Equatable {
    public var reportType: String
    public var marketplaceIds: [String]
    public var dataStartTime: Date?
    public var dataEndTime: Date?
    /// Report-specific options (the model's ReportOptions: a string map).
    public var reportOptions: [String: String]?

    public init(reportType: String, marketplaceIds: [String], dataStartTime: Date? = nil, dataEndTime: Date? = nil,
                reportOptions: [String: String]? = nil) {
        self.reportType = reportType
        self.marketplaceIds = marketplaceIds
        self.dataStartTime = dataStartTime
        self.dataEndTime = dataEndTime
        self.reportOptions = reportOptions
    }
}

public struct CreateReportResponse: Codable, Sendable {
    public var reportId: String
}

/// Processing status of a report or feed; unknown values decode instead of failing.
public struct ProcessingStatus: OpenEnumeration {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let inQueue = Self(rawValue: "IN_QUEUE")
    public static let inProgress = Self(rawValue: "IN_PROGRESS")
    public static let done = Self(rawValue: "DONE")
    public static let cancelled = Self(rawValue: "CANCELLED")
    public static let fatal = Self(rawValue: "FATAL")

    /// Whether Amazon will not change the status any more.
    public var isFinal: Bool { self == .done || self == .cancelled || self == .fatal }
}

public struct Report: Codable, Sendable {
    public var reportId: String
    public var reportType: String
    public var marketplaceIds: [String]?
    public var dataStartTime: Date?
    public var dataEndTime: Date?
    public var reportScheduleId: String?
    public var createdTime: Date
    public var processingStatus: ProcessingStatus
    public var processingStartTime: Date?
    public var processingEndTime: Date?
    /// With DONE the report; with FATAL, if present, a document that explains the failure.
    public var reportDocumentId: String?
}

/// How a document's bytes are compressed; unknown values decode (and are refused at download).
public struct DocumentCompressionAlgorithm: OpenEnumeration {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let gzip = Self(rawValue: "GZIP")
}

public struct ReportDocument: Codable, Sendable {
    public var reportDocumentId: String
    /// A presigned URL, valid for five minutes; fetch it without the SP-API access token.
    public var url: String
    public var compressionAlgorithm: DocumentCompressionAlgorithm?
}
