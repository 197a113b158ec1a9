import Foundation
import Testing
@testable import SellerCentralSandbox

extension RunningSandbox.Answer {
    /// The body of a gzipped result document, gunzipped and read as a JSON object.
    var gunzippedObject: [String: Any] {
        guard let plain = DocumentCompression.gunzip(Array(body)) else { return [:] }
        return (try? JSONSerialization.jsonObject(with: Data(plain))) as? [String: Any] ?? [:]
    }
}

@Suite struct DocumentTests {
    @Test func gzipRoundTripsAndStartsWithTheGzipMagic() {
        let text = Array(String(repeating: "seller-sku\tquantity\n", count: 500).utf8)
        let packed = DocumentCompression.gzip(text)
        #expect(packed.prefix(2) == [0x1f, 0x8b])
        #expect(packed.count < text.count / 5)
        #expect(DocumentCompression.gunzip(packed) == text)
    }

    @Test func reportDocumentIsServedGzippedWithCompressionAlgorithm() async throws {
        let s = try await RunningSandbox.start()
        defer { s.stop() }
        let token = try await s.token()
        let created = try await s.call("POST", "/reports/2021-06-30/reports", token: token,
                                       json: ["reportType": "GET_MERCHANT_LISTINGS_ALL_DATA", "marketplaceIds": [us]])
        let reportId = try #require(created.object["reportId"] as? String)
        _ = try await s.call("POST", "/_sandbox/clock/advance", json: ["seconds": 61])
        let report = try await s.call("GET", "/reports/2021-06-30/reports/\(reportId)", token: token).object
        #expect(report["processingStatus"] as? String == "DONE")
        let docId = try #require(report["reportDocumentId"] as? String)
        let doc = try await s.call("GET", "/reports/2021-06-30/documents/\(docId)", token: token).object
        #expect(doc["compressionAlgorithm"] as? String == "GZIP")
        let raw = try await s.call("GET", try #require(doc["url"] as? String))
        #expect(raw.body.prefix(2) == Data([0x1f, 0x8b]))
        let text = String(decoding: try #require(DocumentCompression.gunzip(Array(raw.body))), as: UTF8.self)
        #expect(text.hasPrefix("item-name\titem-description\tlisting-id\tseller-sku"))
    }

    @Test func uploadWithAnotherContentTypeIsRefusedInS3Format() async throws {
        let s = try await RunningSandbox.start()
        defer { s.stop() }
        let token = try await s.token()
        let doc = try await s.call("POST", "/feeds/2021-06-30/documents", token: token, json: ["contentType": "text/tab-separated-values; charset=UTF-8"])
        let url = try #require(doc.object["url"] as? String)
        let refused = try await s.call("PUT", url, json: ["header": [:] as [String: Any]])  // sent as application/json
        #expect(refused.status == 403)
        #expect(refused.text.contains("<Code>SignatureDoesNotMatch</Code>"))
        let docId = try #require(doc.object["feedDocumentId"] as? String)
        let input = try await s.call("GET", "/feeds/2021-06-30/documents/\(docId)", token: token).object
        #expect(input["compressionAlgorithm"] == nil)  // inputs are stored as uploaded
    }
}
