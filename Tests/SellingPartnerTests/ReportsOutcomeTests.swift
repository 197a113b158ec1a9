import CurlTransport
import Foundation
import Testing
import SellingPartner

/// runReport's outcomes the sandbox never produces (FATAL with an error document, CANCELLED), from a scripted
/// SP-API peer on a real socket that answers by request line.
@Suite(.serialized) struct ReportsOutcomeTests {
    /// A peer that plays LWA, Reports and the document host; `status` is what getReport reports.
    static func peer(status: String, documentId: String?) throws -> LoopbackServer {
        try LoopbackServer(replies: [], fallback: { request in
            let line = request.prefix { $0 != "\r" }
            let host = request.split(separator: "\r\n").first { $0.lowercased().hasPrefix("host:") }
                .map { $0.dropFirst(5).trimmingCharacters(in: .whitespaces) } ?? "127.0.0.1"
            if line.hasPrefix("POST /auth/o2/token ") {
                return LoopbackServer.response(200, #"{"access_token":"Atza|t","token_type":"bearer","expires_in":3600}"#)
            }
            if line.hasPrefix("POST /reports/2021-06-30/reports ") { return LoopbackServer.response(202, #"{"reportId":"R1"}"#) }
            if line.hasPrefix("GET /reports/2021-06-30/reports/R1 ") {
                let doc = documentId.map { #","reportDocumentId":"\#($0)""# } ?? ""
                return LoopbackServer.response(200, #"{"reportId":"R1","reportType":"GET_MERCHANT_LISTINGS_ALL_DATA","createdTime":"2026-11-27T00:00:00Z","processingStatus":"\#(status)"\#(doc)}"#)
            }
            if let id = documentId, line.hasPrefix("GET /reports/2021-06-30/documents/\(id) ") {
                return LoopbackServer.response(200, #"{"reportDocumentId":"\#(id)","url":"http://\#(host)/error-document"}"#)
            }
            if line.hasPrefix("GET /error-document ") { return LoopbackServer.response(200, #"{"errorDetails":"Report could not be generated."}"#) }
            return LoopbackServer.response(404, #"{"errors":[{"code":"NotFound","message":"no route"}]}"#)
        })
    }

    static func client(_ peer: LoopbackServer) -> SellingPartnerClient {
        let configuration = SellingPartnerConfiguration(endpoint: peer.url, tokenEndpoint: peer.url.appendingPathComponent("auth/o2/token"),
                                                        clientId: "c", clientSecret: "s", refreshToken: "r", sellerId: "A", marketplaceIds: ["ATVPDKIKX0DER"])
        return SellingPartnerClient(configuration: configuration, transport: CurlTransport(), retry: RetryPolicy(baseDelay: .milliseconds(5)))
    }

    static let spec = CreateReportSpecification(reportType: MerchantListingsReport.reportType, marketplaceIds: ["ATVPDKIKX0DER"])

    @Test func fatalReportCarriesItsErrorDocument() async throws {
        let peer = try Self.peer(status: "FATAL", documentId: "D-ERR")
        defer { peer.stop() }
        let outcome = try await Self.client(peer).runReport(Self.spec, pollInterval: .milliseconds(10))
        guard case .fatal(let report, let errorDocument) = outcome else { Issue.record("outcome \(outcome)"); return }
        #expect(report.processingStatus == .fatal)
        #expect(String(decoding: errorDocument ?? Data(), as: UTF8.self).contains("could not be generated"))
        let download = try #require(peer.requests.first { $0.hasPrefix("GET /error-document ") })
        #expect(!download.lowercased().contains("x-amz-access-token"))
    }

    @Test func cancelledReportHasNoDocument() async throws {
        let peer = try Self.peer(status: "CANCELLED", documentId: nil)
        defer { peer.stop() }
        let outcome = try await Self.client(peer).runReport(Self.spec, pollInterval: .milliseconds(10))
        guard case .cancelled(let report) = outcome else { Issue.record("outcome \(outcome)"); return }
        #expect(report.reportId == "R1")
    }

    @Test func aReportThatNeverFinishesTimesOut() async throws {
        let peer = try Self.peer(status: "IN_PROGRESS", documentId: nil)
        defer { peer.stop() }
        let outcome = try await Self.client(peer).runReport(Self.spec, pollInterval: .milliseconds(20), timeout: .seconds(2))
        guard case .timedOut(let report) = outcome else { Issue.record("outcome \(outcome)"); return }
        #expect(report.processingStatus == .inProgress)
        let polls = peer.requests.filter { $0.hasPrefix("GET /reports/2021-06-30/reports/R1 ") }.count
        // 20, 40, 80, … ms: the interval doubles, so at most 7 polls fit in 2 s (a fixed 20 ms would be about 100);
        // 2 s rather than less, so that a loaded machine still makes the second poll.
        #expect(polls >= 2 && polls <= 8)
    }
}
