import Foundation

/// Feeds API 2021-06-30: feed documents, their upload, feeds and their result documents.
extension SellingPartnerClient {
    /// Feeds createFeedDocument: a document id and the presigned URL to PUT the feed to.
    public func createFeedDocument(contentType: String) async throws -> CreateFeedDocumentResponse {
        guard !contentType.isEmpty else { throw SellingPartnerError.invalidRequest("contentType is empty; use e.g. application/json; charset=UTF-8") }
        return try await send(operation: "feeds_2021-06-30.createFeedDocument", method: "POST", path: "/feeds/2021-06-30/documents",
                              body: try RequestEncoder.encode(CreateFeedDocumentSpecification(contentType: contentType)),
                              as: CreateFeedDocumentResponse.self)
    }

    /// Feeds createFeed.
    public func createFeed(_ specification: CreateFeedSpecification) async throws -> CreateFeedResponse {
        guard !specification.feedType.isEmpty else { throw SellingPartnerError.invalidRequest("feedType is empty; use e.g. JSON_LISTINGS_FEED") }
        guard (1...25).contains(specification.marketplaceIds.count) else {
            throw SellingPartnerError.invalidRequest("createFeed needs 1 to 25 marketplaceIds, got \(specification.marketplaceIds.count)")
        }
        return try await send(operation: "feeds_2021-06-30.createFeed", method: "POST", path: "/feeds/2021-06-30/feeds",
                              body: try RequestEncoder.encode(specification), as: CreateFeedResponse.self)
    }

    /// Feeds getFeed.
    public func getFeed(feedId: String) async throws -> Feed {
        try await send(operation: "feeds_2021-06-30.getFeed", method: "GET", path: "/feeds/2021-06-30/feeds/\(try Self.pathSegment(feedId, "feedId"))",
                       as: Feed.self)
    }

    /// Feeds getFeedDocument.
    public func getFeedDocument(feedDocumentId: String) async throws -> FeedDocument {
        try await send(operation: "feeds_2021-06-30.getFeedDocument", method: "GET",
                       path: "/feeds/2021-06-30/documents/\(try Self.pathSegment(feedDocumentId, "feedDocumentId"))", as: FeedDocument.self)
    }

    /// The plain contents of a feed document (typically a processing report), gunzipped if GZIP.
    public func feedDocumentContents(feedDocumentId: String) async throws -> Data {
        let document = try await getFeedDocument(feedDocumentId: feedDocumentId)
        return try await downloadDocument(url: document.url, compression: document.compressionAlgorithm)
    }

    /// Creates a feed document, uploads `bytes` with `contentType`, and creates the feed; returns the feedId.
    public func submitFeed(feedType: String, marketplaceIds: [String], contentType: String, bytes: Data) async throws -> String {
        let document = try await createFeedDocument(contentType: contentType)
        try await uploadDocument(url: document.url, contentType: contentType, bytes: bytes)
        return try await createFeed(CreateFeedSpecification(feedType: feedType, marketplaceIds: marketplaceIds,
                                                            inputFeedDocumentId: document.feedDocumentId)).feedId
    }

    /// Polls getFeed (starting at `pollInterval`, doubling up to `maxPollInterval`) until a final status or `timeout`;
    /// returns the last Feed seen.
    public func waitForFeed(feedId: String, pollInterval: Duration = .seconds(15), maxPollInterval: Duration = .seconds(120),
                            timeout: Duration = .seconds(3600)) async throws -> Feed {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var interval = pollInterval
        while true {
            let feed = try await getFeed(feedId: feedId)
            if feed.processingStatus.isFinal || clock.now.advanced(by: interval) >= deadline { return feed }
            try await clock.sleep(for: interval)
            interval = min(maxPollInterval, interval * 2)
        }
    }

    /// The processing report of a finished JSON_LISTINGS_FEED.
    public func listingsProcessingReport(feed: Feed) async throws -> ProcessingReport {
        guard let id = feed.resultFeedDocumentId else {
            throw SellingPartnerError.invalidRequest("feed \(feed.feedId) has no result document yet (status \(feed.processingStatus.rawValue)); wait for DONE")
        }
        return try ProcessingReport.parse(try await feedDocumentContents(feedDocumentId: id))
    }
}
