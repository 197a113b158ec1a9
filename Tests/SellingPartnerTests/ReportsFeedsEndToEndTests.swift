import SandboxHarness
import Foundation
import Testing
@testable import SellerCentralSandbox
@testable import SellingPartner

/// Reports and Feeds through libcurl against the in-process sandbox, whose clock runs ×600 so processing takes ~0.1 s.
@Suite(.serialized) struct ReportsFeedsEndToEndTests {
    static let us = "ATVPDKIKX0DER"

    static func start(listings: Int = 120) async throws -> SandboxHarness {
        try await SandboxHarness.start {
            $0.listings = listings
            $0.clockScale = 600
        }
    }

    /// The listings the sandbox seeded for one marketplace, in its order, computed from the same seed.
    static func seeded(_ harness: SandboxHarness, marketplace: String) -> [SellerCentralSandbox.Listing] {
        var rng = SplitMix64(seed: harness.configuration.seed)
        return SeededWorld.listings(config: harness.configuration, rng: &rng, now: Date()).filter { $0.marketplace == marketplace }
    }

    static let listingsReport = CreateReportSpecification(reportType: MerchantListingsReport.reportType, marketplaceIds: [us])

    @Test func listingsReportIsCreatedPolledDownloadedGunzippedAndParsed() async throws {
        let sandbox = try await Self.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        let outcome = try await client.runReport(Self.listingsReport, pollInterval: .milliseconds(40), timeout: .seconds(30))
        guard case .done(let report, let contents) = outcome else { Issue.record("outcome \(outcome)"); return }
        #expect(report.processingStatus == .done)
        let rows = Array(try MerchantListingsReport(contents))
        let listings = rows.compactMap { if case .listing(let l) = $0 { l } else { nil } }
        #expect(listings.count == rows.count)  // no row errors in Amazon's own format
        let expected = Self.seeded(sandbox, marketplace: "US")
        #expect(!expected.isEmpty)
        #expect(listings.map(\.sellerSku) == expected.map(\.sku))
        for (row, seed) in zip(listings, expected) {
            #expect(row.asin == seed.asin)
            #expect(row.isFulfilledByAmazon == (seed.fulfillment == "FBA"))
            if seed.fulfillment == "MFN" { #expect(row.quantity == seed.quantity) }
        }
        #expect(try await sandbox.counts("createReport").requests == 1)
        #expect(try await sandbox.counts("getReportDocument").requests == 1)
    }

    @Test func getReportFailuresAreRetriedAndMalformedAnswersAreTypedErrors() async throws {
        let sandbox = try await Self.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        try await sandbox.fault("getReport", "status", status: 500, count: 2)
        let outcome = try await client.runReport(Self.listingsReport, pollInterval: .milliseconds(40), timeout: .seconds(30))
        guard case .done = outcome else { Issue.record("outcome \(outcome)"); return }
        #expect(try await sandbox.counts("getReport").faulted == 2)

        let reportId = try await client.createReport(Self.listingsReport).reportId
        try await sandbox.fault("getReport", "malformed")
        await #expect {
            _ = try await client.getReport(reportId: reportId)
        } throws: { error in
            if case SellingPartnerError.decoding(let operation, _, _) = error { return operation == "reports_2021-06-30.getReport" }
            return false
        }
        try await sandbox.fault("getReportDocument", "status", status: 503, count: 1)
        let report = try await client.getReport(reportId: reportId)
        if let documentId = report.reportDocumentId {
            #expect(try await client.reportDocumentContents(reportDocumentId: documentId).isEmpty == false)
        }
    }

    @Test func requestValidationHappensBeforeSending() async throws {
        let sandbox = try await Self.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        await #expect(throws: SellingPartnerError.self) {
            _ = try await client.createReport(CreateReportSpecification(reportType: "GET_MERCHANT_LISTINGS_ALL_DATA", marketplaceIds: []))
        }
        await #expect(throws: SellingPartnerError.self) { _ = try await client.getReport(reportId: "a/b") }
        await #expect(throws: SellingPartnerError.self) { _ = try await client.createFeedDocument(contentType: "") }
        #expect(try await sandbox.counts("createReport").requests == 0)
        // Times travel as ISO 8601 the sandbox (like Amazon) accepts.
        let windowed = CreateReportSpecification(reportType: MerchantListingsReport.reportType, marketplaceIds: [Self.us],
                                                 dataStartTime: Date().addingTimeInterval(-86400), dataEndTime: Date(), reportOptions: ["custom": "true"])
        #expect(try await !client.createReport(windowed).reportId.isEmpty)
        // What only the server can judge comes back as Amazon's ErrorList.
        await #expect {
            _ = try await client.createReport(CreateReportSpecification(reportType: "GET_MERCHANT_LISTINGS_ALL_DATA", marketplaceIds: ["NOTAMARKETPLACE"]))
        } throws: { error in
            if case SellingPartnerError.api(400, let errors) = error { return errors.first?.code == "InvalidInput" }
            return false
        }
    }

    @Test func quantityFeedFor200SkusIsUploadedProcessedAndVisible() async throws {
        let sandbox = try await Self.start(listings: 900)
        defer { sandbox.stop() }
        let client = sandbox.client()
        let chosen = Array(Self.seeded(sandbox, marketplace: "US").filter { $0.fulfillment == "MFN" }.prefix(200))
        #expect(chosen.count == 200)
        let items = chosen.enumerated().map { (sku: $1.sku, productType: $1.productType, quantity: 1000 + $0) }
        let feed = ListingsFeed.quantityPatches(items, sellerId: sandbox.configuration.sellerId)
        let feedId = try await client.submitFeed(feedType: ListingsFeed.feedType, marketplaceIds: [Self.us],
                                                 contentType: ListingsFeed.contentType, bytes: try feed.encoded())
        let done = try await client.waitForFeed(feedId: feedId, pollInterval: .milliseconds(40), timeout: .seconds(30))
        #expect(done.processingStatus == .done)
        let report = try await client.listingsProcessingReport(feed: done)
        #expect(report.header.feedId == feedId)
        #expect(report.summary.messagesProcessed == 200 && report.summary.messagesAccepted == 200 && report.summary.messagesInvalid == 0)
        let results = report.results(messageIds: feed.messages.map(\.messageId))
        #expect(results.values.allSatisfy { $0 == .accepted(warnings: []) })
        for item in items {
            let listing = try await sandbox.admin("GET", "listings/US/\(item.sku)")
            #expect(listing["quantity"] as? Int == item.quantity, "\(item.sku)")
        }
    }

    @Test func anInvalidMessageIsRejectedUnderItsMessageId() async throws {
        let sandbox = try await Self.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        let good = try #require(Self.seeded(sandbox, marketplace: "US").first { $0.fulfillment == "MFN" })
        let feed = ListingsFeed.quantityPatches([(good.sku, good.productType, 42), ("NO-SUCH-SKU", "PRODUCT", 1), (good.sku, good.productType, 43)],
                                                sellerId: sandbox.configuration.sellerId)
        let feedId = try await client.submitFeed(feedType: ListingsFeed.feedType, marketplaceIds: [Self.us],
                                                 contentType: ListingsFeed.contentType, bytes: try feed.encoded())
        try await sandbox.fault("getFeed", "status", status: 503, count: 1)
        let done = try await client.waitForFeed(feedId: feedId, pollInterval: .milliseconds(40), timeout: .seconds(30))
        #expect(try await sandbox.counts("getFeed").faulted == 1)
        let results = try await client.listingsProcessingReport(feed: done).results(messageIds: [1, 2, 3])
        #expect(results[1] == .accepted(warnings: []))
        #expect(results[3] == .accepted(warnings: []))
        guard case .rejected(let issues) = results[2] else { Issue.record("message 2: \(String(describing: results[2]))"); return }
        #expect(issues.first?.sku == "NO-SUCH-SKU" && issues.first?.severity == .error)
        #expect(try await sandbox.admin("GET", "listings/US/\(good.sku)")["quantity"] as? Int == 43)

        try await sandbox.fault("getFeed", "malformed")
        await #expect { _ = try await client.getFeed(feedId: feedId) } throws: { error in
            if case SellingPartnerError.decoding("feeds_2021-06-30.getFeed", _, _) = error { return true }
            return false
        }
    }

    @Test func uploadWithAnotherContentTypeIsRefusedAsS3Does() async throws {
        let sandbox = try await Self.start()
        defer { sandbox.stop() }
        let client = sandbox.client()
        let document = try await client.createFeedDocument(contentType: ListingsFeed.contentType)
        await #expect(throws: DocumentError.refused(status: 403, code: "SignatureDoesNotMatch")) {
            try await client.uploadDocument(url: document.url, contentType: "application/json", bytes: Data("{}".utf8))
        }
        try await client.uploadDocument(url: document.url, contentType: ListingsFeed.contentType, bytes: Data("{}".utf8))
    }

    // MARK: downloads from a scripted peer: the exact bytes on the wire

    @Test func downloadSendsNoAccessTokenAndBadGzipIsATypedError() async throws {
        let sandbox = try await Self.start()
        defer { sandbox.stop() }
        let body = "this is not gzip at all, but long enough to have a header"
        let peer = try LoopbackServer(replies: [], fallback: { _ in LoopbackServer.response(200, body) })
        defer { peer.stop() }
        let client = sandbox.client()
        await #expect(throws: DocumentError.corruptGzip("missing gzip header")) {
            _ = try await client.downloadDocument(url: peer.url.appendingPathComponent("doc").absoluteString, compression: .gzip)
        }
        let plain = try await client.downloadDocument(url: peer.url.appendingPathComponent("doc").absoluteString, compression: nil)
        #expect(String(decoding: plain, as: UTF8.self) == body)
        #expect(peer.requests.count == 2)
        #expect(peer.requests.allSatisfy { !$0.lowercased().contains("x-amz-access-token") && $0.hasPrefix("GET /doc ") })
    }

    @Test func truncatedDownloadIsRetriedThenATypedError() async throws {
        let sandbox = try await Self.start()
        defer { sandbox.stop() }
        // Promises 1000 bytes, sends 10, closes: every attempt is a truncated body.
        let truncated = LoopbackServer.Reply.raw("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n0123456789")
        let peer = try LoopbackServer(replies: [], fallback: { _ in truncated })
        defer { peer.stop() }
        let client = sandbox.client(retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(5)))
        await #expect {
            _ = try await client.downloadDocument(url: peer.url.absoluteString + "/doc", compression: .gzip)
        } throws: { error in
            if case SellingPartnerError.transport("document.download", 3, .truncatedBody) = error { return true }
            return false
        }
        #expect(peer.requests.count == 3)

        // A 5xx from the document host is retried, then the document arrives.
        let flaky = try LoopbackServer(replies: [LoopbackServer.response(503, "<Error><Code>SlowDown</Code></Error>"),
                                                 LoopbackServer.response(200, "seller-sku\nA\n")])
        defer { flaky.stop() }
        #expect(try await client.downloadDocument(url: flaky.url.absoluteString + "/doc", compression: nil) == Data("seller-sku\nA\n".utf8))
        #expect(flaky.requests.count == 2)
    }
}
