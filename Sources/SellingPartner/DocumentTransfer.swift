import Foundation

/// Downloads and uploads report and feed documents at their presigned URLs.
extension SellingPartnerClient {
    /// GETs a presigned document URL and returns the plain bytes (gunzipped when `compression` is GZIP).
    ///
    /// The URL carries its own signature: Amazon's S3 refuses extra authorization, so no access token is sent.
    /// 5xx answers, timeouts and resets are retried like SP-API calls; other statuses are `DocumentError.refused`.
    public func downloadDocument(url: String, compression: DocumentCompressionAlgorithm?) async throws -> Data {
        let response = try await transfer(method: "GET", url: url, headers: [], body: nil, operation: "document.download")
        return try DocumentDecompression.plain(response.body, compression: compression)
    }

    /// PUTs `bytes` to a createFeedDocument URL with exactly the Content-Type that URL was signed for.
    public func uploadDocument(url: String, contentType: String, bytes: Data) async throws {
        _ = try await transfer(method: "PUT", url: url, headers: [("content-type", contentType)], body: bytes, operation: "document.upload")
    }

    private func transfer(method: String, url text: String, headers: [(name: String, value: String)], body: Data?,
                          operation: String) async throws -> HTTPResponse {
        guard let url = URL(string: text), url.scheme == "https" || url.scheme == "http" else {
            throw SellingPartnerError.invalidRequest("document URL is not an http(s) URL; fetch a fresh one from the document operation")
        }
        var failures = 0
        while true {
            let request = HTTPRequest(method: method, url: url, headers: headers + [("user-agent", configuration.userAgent)],
                                      body: body, timeout: retry.timeout)
            let response: HTTPResponse
            do {
                response = try await transport.send(request)
            } catch let error as TransportError {
                failures += 1
                logger.debug("document transfer failure", metadata: ["operation": "\(operation)", "attempt": "\(failures)"])
                guard failures < retry.maxAttempts, retry.isRetryable(error) else {
                    throw SellingPartnerError.transport(operation: operation, attempts: failures, last: error)
                }
                try await retry.sleep(afterFailure: failures)
                continue
            }
            switch response.status {
            case 200..<300:
                return response
            case 500..<600:
                failures += 1
                guard failures < retry.maxAttempts else { throw DocumentError.refused(status: response.status, code: Self.s3Code(response.body)) }
                try await retry.sleep(afterFailure: failures)
            default:
                throw DocumentError.refused(status: response.status, code: Self.s3Code(response.body))
            }
        }
    }

    /// The `<Code>` of an S3 XML error body, if there is one.
    static func s3Code(_ body: Data) -> String? {
        let text = String(decoding: body.prefix(2048), as: UTF8.self)
        guard let start = text.range(of: "<Code>"), let end = text.range(of: "</Code>", range: start.upperBound..<text.endIndex) else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }
}
