import Foundation

/// Wire types of Feeds API 2021-06-30, named after the model's definitions.
public struct CreateFeedDocumentSpecification: Codable, Sendable {
    public var contentType: String
    public init(contentType: String) { self.contentType = contentType }
}

public struct CreateFeedDocumentResponse: Codable, Sendable {
    public var feedDocumentId: String
    /// A presigned URL for the PUT of the feed bytes, signed for the contentType given.
    public var url: String
}

public struct CreateFeedSpecification: Codable, Sendable {
    public var feedType: String
    public var marketplaceIds: [String]
    public var inputFeedDocumentId: String
    public var feedOptions: [String: String]?

    public init(feedType: String, marketplaceIds: [String], inputFeedDocumentId: String, feedOptions: [String: String]? = nil) {
        self.feedType = feedType
        self.marketplaceIds = marketplaceIds
        self.inputFeedDocumentId = inputFeedDocumentId
        self.feedOptions = feedOptions
    }
}

public struct CreateFeedResponse: Codable, Sendable {
    public var feedId: String
}

public struct Feed: Codable, Sendable {
    public var feedId: String
    public var feedType: String
    public var marketplaceIds: [String]?
    public var createdTime: Date
    public var processingStatus: ProcessingStatus
    public var processingStartTime: Date?
    public var processingEndTime: Date?
    public var resultFeedDocumentId: String?
}

public struct FeedDocument: Codable, Sendable {
    public var feedDocumentId: String
    public var url: String
    public var compressionAlgorithm: DocumentCompressionAlgorithm?
}
