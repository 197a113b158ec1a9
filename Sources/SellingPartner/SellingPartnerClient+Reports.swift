import Foundation

/// Reports API 2021-06-30: create, poll and fetch reports and their documents.
extension SellingPartnerClient {
    /// Reports createReport.
    public func createReport(_ specification: CreateReportSpecification) async throws -> CreateReportResponse {
        guard !specification.reportType.isEmpty else { throw SellingPartnerError.invalidRequest("reportType is empty; name a report type such as GET_MERCHANT_LISTINGS_ALL_DATA") }
        guard (1...25).contains(specification.marketplaceIds.count) else {
            throw SellingPartnerError.invalidRequest("createReport needs 1 to 25 marketplaceIds, got \(specification.marketplaceIds.count)")
        }
        if let start = specification.dataStartTime, let end = specification.dataEndTime, start > end {
            throw SellingPartnerError.invalidRequest("dataStartTime is after dataEndTime; swap them")
        }
        return try await send(operation: "reports_2021-06-30.createReport", method: "POST", path: "/reports/2021-06-30/reports",
                              body: try RequestEncoder.encode(specification), as: CreateReportResponse.self)
    }

    /// Reports getReport.
    public func getReport(reportId: String) async throws -> Report {
        try await send(operation: "reports_2021-06-30.getReport", method: "GET", path: "/reports/2021-06-30/reports/\(try Self.pathSegment(reportId, "reportId"))",
                       as: Report.self)
    }

    /// Reports getReportDocument: the presigned URL (valid five minutes) and its compression.
    public func getReportDocument(reportDocumentId: String) async throws -> ReportDocument {
        try await send(operation: "reports_2021-06-30.getReportDocument", method: "GET",
                       path: "/reports/2021-06-30/documents/\(try Self.pathSegment(reportDocumentId, "reportDocumentId"))", as: ReportDocument.self)
    }

    /// The plain contents of a report document: getReportDocument, then the download, gunzipped if GZIP.
    public func reportDocumentContents(reportDocumentId: String) async throws -> Data {
        let document = try await getReportDocument(reportDocumentId: reportDocumentId)
        return try await downloadDocument(url: document.url, compression: document.compressionAlgorithm)
    }

    /// Creates a report, polls getReport until a final status and fetches the document.
    ///
    /// Polls start at `pollInterval` and double up to `maxPollInterval` (getReport allows 2/s, the limiter
    /// keeps within that anyway); after `timeout` the outcome is `.timedOut` with the last status seen.
    public func runReport(_ specification: CreateReportSpecification, pollInterval: Duration = .seconds(15),
                          maxPollInterval: Duration = .seconds(120), timeout: Duration = .seconds(3600)) async throws -> ReportsOutcome {
        let reportId = try await createReport(specification).reportId
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var interval = pollInterval
        while true {
            let report = try await getReport(reportId: reportId)
            switch report.processingStatus {
            case .done:
                guard let documentId = report.reportDocumentId else {
                    throw SellingPartnerError.decoding(operation: "reports_2021-06-30.getReport", field: "reportDocumentId", reason: "DONE without a document")
                }
                return .done(report: report, contents: try await reportDocumentContents(reportDocumentId: documentId))
            case .cancelled:
                // Amazon cancels a report with no data since the last one; there is nothing to fetch.
                return .cancelled(report: report)
            case .fatal:
                // The model: a FATAL report may carry a document that explains the error.
                var explanation: Data?
                if let documentId = report.reportDocumentId { explanation = try await reportDocumentContents(reportDocumentId: documentId) }
                return .fatal(report: report, errorDocument: explanation)
            default:
                guard clock.now.advanced(by: interval) < deadline else { return .timedOut(report: report) }
                try await clock.sleep(for: interval)
                interval = min(maxPollInterval, interval * 2)
            }
        }
    }

    /// An identifier as one URL path segment; a '/' or empty value would address another resource.
    static func pathSegment(_ value: String, _ name: String) throws -> String {
        guard !value.isEmpty, let encoded = value.addingPercentEncoding(withAllowedCharacters: .sellingPartnerQueryValue), !value.contains("/") else {
            throw SellingPartnerError.invalidRequest("\(name) '\(value)' is empty or contains '/'; pass the id Amazon returned")
        }
        return encoded
    }
}
