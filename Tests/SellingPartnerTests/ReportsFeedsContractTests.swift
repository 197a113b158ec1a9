import Foundation
import Testing
@testable import SellingPartner

/// Every official static sandbox response of the 7 Reports/Feeds operations decodes with the client's types.
@Suite struct ReportsFeedsContractTests {
    @Test func createReport() throws {
        let bodies = try ModelFixtures.staticSuccessBodies("reports_2021-06-30", operation: "createReport")
        #expect(bodies.count > 0)
        for body in bodies {
            #expect(try ResponseDecoder.decode(CreateReportResponse.self, from: body, operation: "createReport").reportId == "ID323")
        }
    }

    @Test func getReport() throws {
        let bodies = try ModelFixtures.staticSuccessBodies("reports_2021-06-30", operation: "getReport")
        #expect(bodies.count > 0)
        for body in bodies {
            let report = try ResponseDecoder.decode(Report.self, from: body, operation: "getReport")
            #expect(report.reportId == "ReportId1")
            #expect(report.reportType == "FEE_DISCOUNTS_REPORT")
            #expect(report.processingStatus == .inProgress)
            #expect(!report.processingStatus.isFinal)
            #expect(report.createdTime == AmazonTime.date("2024-03-10T13:47:20.677Z"))
        }
    }

    @Test func getReportDocument() throws {
        let bodies = try ModelFixtures.staticSuccessBodies("reports_2021-06-30", operation: "getReportDocument")
        #expect(bodies.count > 0)
        for body in bodies {
            let document = try ResponseDecoder.decode(ReportDocument.self, from: body, operation: "getReportDocument")
            #expect(document.reportDocumentId == "0356cf79-b8b0-4226-b4b9-0ee058ea5760")
            #expect(document.url.hasPrefix("https://"))
            #expect(document.compressionAlgorithm == nil)
        }
    }

    @Test func createFeedDocument() throws {
        let bodies = try ModelFixtures.staticSuccessBodies("feeds_2021-06-30", operation: "createFeedDocument")
        #expect(bodies.count > 0)
        for body in bodies {
            let created = try ResponseDecoder.decode(CreateFeedDocumentResponse.self, from: body, operation: "createFeedDocument")
            #expect(created.feedDocumentId == "3d4e42b5-1d6e-44e8-a89c-2abfca0625bb")
            #expect(created.url.hasPrefix("https://"))
        }
    }

    @Test func createFeed() throws {
        let bodies = try ModelFixtures.staticSuccessBodies("feeds_2021-06-30", operation: "createFeed")
        #expect(bodies.count > 0)
        for body in bodies {
            #expect(try ResponseDecoder.decode(CreateFeedResponse.self, from: body, operation: "createFeed").feedId == "3485934")
        }
    }

    @Test func getFeed() throws {
        let bodies = try ModelFixtures.staticSuccessBodies("feeds_2021-06-30", operation: "getFeed")
        #expect(bodies.count > 0)
        for body in bodies {
            let feed = try ResponseDecoder.decode(Feed.self, from: body, operation: "getFeed")
            #expect(feed.feedId == "FeedId1")
            #expect(feed.processingStatus == .cancelled)
            #expect(feed.processingStatus.isFinal)
            #expect(feed.resultFeedDocumentId == nil)
        }
    }

    @Test func getFeedDocument() throws {
        let bodies = try ModelFixtures.staticSuccessBodies("feeds_2021-06-30", operation: "getFeedDocument")
        #expect(bodies.count > 0)
        for body in bodies {
            let document = try ResponseDecoder.decode(FeedDocument.self, from: body, operation: "getFeedDocument")
            #expect(document.feedDocumentId == "0356cf79-b8b0-4226-b4b9-0ee058ea5760")
            #expect(document.compressionAlgorithm == nil)
        }
    }

    @Test func missingRequiredFieldIsNamed() throws {
        let body = Data(#"{"reportId":"1","reportType":"GET_MERCHANT_LISTINGS_ALL_DATA","processingStatus":"DONE"}"#.utf8)
        do {
            _ = try ResponseDecoder.decode(Report.self, from: body, operation: "reports_2021-06-30.getReport")
            Issue.record("decoded a Report without createdTime")
        } catch let SellingPartnerError.decoding(operation, field, _) {
            #expect(operation == "reports_2021-06-30.getReport")
            #expect(field == "createdTime")
        }
        let feedDocument = Data(#"{"feedDocumentId":"d"}"#.utf8)
        #expect {
            try ResponseDecoder.decode(FeedDocument.self, from: feedDocument, operation: "getFeedDocument")
        } throws: { error in
            if case SellingPartnerError.decoding(_, "url", _) = error { return true }
            return false
        }
    }

    @Test func unknownEnumValuesDecode() throws {
        let report = Data(#"{"reportId":"1","reportType":"X","createdTime":"2026-01-01T00:00:00Z","processingStatus":"ON_HOLD"}"#.utf8)
        let decoded = try ResponseDecoder.decode(Report.self, from: report, operation: "getReport")
        #expect(decoded.processingStatus.rawValue == "ON_HOLD")
        #expect(!decoded.processingStatus.isFinal)
        let document = Data(#"{"reportDocumentId":"d","url":"https://x","compressionAlgorithm":"ZSTD"}"#.utf8)
        let doc = try ResponseDecoder.decode(ReportDocument.self, from: document, operation: "getReportDocument")
        #expect(doc.compressionAlgorithm?.rawValue == "ZSTD")
        // An unknown compression is refused at download rather than handed over as if plain.
        #expect(throws: DocumentError.unsupportedCompression("ZSTD")) { try DocumentDecompression.plain(Data("x".utf8), compression: doc.compressionAlgorithm) }
    }
}
