import Foundation
import Testing
@testable import SellingPartner

/// The document formats on their own: gzip, the merchant listings report, the listings feed and its processing report.
@Suite struct DocumentFormatTests {
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: Bundle.module.url(forResource: "Fixtures/schemas/\(name)", withExtension: "json")!)
    }

    // MARK: gzip

    @Test func gzipRoundTripsAndCorruptOrTruncatedStreamsAreTypedErrors() throws {
        let plain = Data(String(repeating: "seller-sku\tquantity\nSKU-1\t5\n", count: 1000).utf8)
        let packed = try DocumentDecompression.gzip(plain)
        #expect(try DocumentDecompression.plain(packed, compression: .gzip) == plain)
        #expect(try DocumentDecompression.plain(plain, compression: nil) == plain)

        var flipped = packed
        flipped[flipped.count / 2] ^= 0xFF
        #expect(throws: DocumentError.self) { try DocumentDecompression.gunzip(flipped) }
        #expect(throws: DocumentError.self) { try DocumentDecompression.gunzip(packed.prefix(packed.count / 2)) }
        #expect(throws: DocumentError.self) { try DocumentDecompression.gunzip(packed.dropLast(4)) }
        #expect(throws: DocumentError.corruptGzip("missing gzip header")) { try DocumentDecompression.gunzip(plain) }
        #expect(throws: DocumentError.self) { try DocumentDecompression.gunzip(Data()) }
    }

    // MARK: GET_MERCHANT_LISTINGS_ALL_DATA

    @Test func listingsReportIsReadByHeaderNameWithExtraAndMissingColumns() throws {
        // Columns out of Amazon's order, an unknown column, no item-description; CRLF line ends and a BOM.
        let text = "\u{FEFF}seller-sku\tquantity\tnew-column\tasin1\tprice\tfulfillment-channel\titem-name\r\n"
            + "SKU-A\t7\tx\tB000000001\t12.50\tDEFAULT\tBlue mug\r\n"
            + "SKU-B\t\ty\tB000000002\t3.00\tAMAZON_NA\tRed mug\r\n\r\n"
        let report = try MerchantListingsReport(Data(text.utf8))
        #expect(report.columns.first == "seller-sku")
        let rows = Array(report)
        #expect(rows.count == 2)
        guard case .listing(let a) = rows[0], case .listing(let b) = rows[1] else { Issue.record("rows \(rows)"); return }
        #expect(a.sellerSku == "SKU-A" && a.quantity == 7 && a.price == Decimal(string: "12.50") && a.asin == "B000000001")
        #expect(a.itemName == "Blue mug" && !a.isFulfilledByAmazon && a.columns["new-column"] == "x" && a.line == 2)
        #expect(b.quantity == nil && b.isFulfilledByAmazon && b.line == 3)
    }

    @Test func oddRowsAreRowErrorsWithTheirLineNumbers() throws {
        let text = "item-name\tseller-sku\tquantity\n"
            + "Good\tSKU-1\t1\n"
            + "Too\tmany\tfields\there\n"
            + "\"Broken quote\tSKU-2\t3\n"
            + "No sku\t\t4\n"
            + "Short\tSKU-3\n"
            + "Last\tSKU-4\t9"
        let rows = Array(try MerchantListingsReport(Data(text.utf8)))
        #expect(rows.count == 6)
        #expect(rows.compactMap { if case .invalid(let line, _) = $0 { line } else { nil } } == [3, 4, 5, 6])
        #expect(rows.compactMap { if case .listing(let l) = $0 { l.sellerSku } else { nil } } == ["SKU-1", "SKU-4"])
    }

    @Test func windows1252LinesAreReadNotRejected() throws {
        var data = Data("item-name\tseller-sku\tquantity\n".utf8)
        data.append(contentsOf: Array("Caf".utf8) + [0xE9] + Array(" cr".utf8) + [0xE8, 0x6D, 0x65, 0x20, 0x80] + Array("\tSKU-E\t2\n".utf8))
        data.append(contentsOf: Array("Na\u{EF}ve\tSKU-U\t1\n".utf8))
        let rows = Array(try MerchantListingsReport(data))
        guard rows.count == 2, case .listing(let latin) = rows[0], case .listing(let utf8) = rows[1] else { Issue.record("rows \(rows)"); return }
        #expect(latin.itemName == "Café crème €")
        #expect(latin.sellerSku == "SKU-E" && latin.quantity == 2)
        #expect(utf8.itemName == "Na\u{EF}ve")
    }

    @Test func aDocumentWithoutSellerSkuIsNotAListingsReport() {
        #expect(throws: SellingPartnerError.self) { try MerchantListingsReport(Data("a\tb\n1\t2\n".utf8)) }
        #expect(throws: SellingPartnerError.self) { try MerchantListingsReport(Data()) }
    }

    // MARK: JSON_LISTINGS_FEED

    /// The builder's output satisfies listings-feed-schema-v2's required fields, enums, bounds and per-operation rules.
    @Test func quantityFeedSatisfiesTheListingsFeedSchema() throws {
        let schema = try JSONSerialization.jsonObject(with: Self.fixture("listings-feed-schema-v2")) as! [String: Any]
        let feed = ListingsFeed.quantityPatches([("SKU-1", "PRODUCT", 5), ("SKU-2", "SHOES", 0)], sellerId: "A2SELLER")
        let json = try JSONSerialization.jsonObject(with: try feed.encoded()) as! [String: Any]
        let properties = schema["properties"] as! [String: Any]

        for key in schema["required"] as! [String] { #expect(json[key] != nil, "feed lacks \(key)") }
        let headerSchema = properties["header"] as! [String: Any]
        let header = json["header"] as! [String: Any]
        for key in headerSchema["required"] as! [String] { #expect(header[key] is String, "header lacks \(key)") }
        let headerProperties = headerSchema["properties"] as! [String: Any]
        #expect(header["version"] as? String == (headerProperties["version"] as! [String: Any])["const"] as? String)
        #expect(Set(header.keys).isSubset(of: headerProperties.keys))

        let messagesSchema = properties["messages"] as! [String: Any]
        let messages = json["messages"] as! [[String: Any]]
        #expect(messages.count >= messagesSchema["minItems"] as! Int && messages.count <= messagesSchema["maxItems"] as! Int)
        let itemSchema = messagesSchema["items"] as! [String: Any]
        let itemProperties = itemSchema["properties"] as! [String: Any]
        let operationTypes = (itemProperties["operationType"] as! [String: Any])["enum"] as! [String]
        let patchItem = (itemProperties["patches"] as! [String: Any])["items"] as! [String: Any]
        let patchOps = ((patchItem["properties"] as! [String: Any])["op"] as! [String: Any])["enum"] as! [String]
        for (index, message) in messages.enumerated() {
            for key in itemSchema["required"] as! [String] { #expect(message[key] != nil, "message lacks \(key)") }
            #expect(Set(message.keys).isSubset(of: itemProperties.keys))
            #expect(message["messageId"] as? Int == index + 1)
            let type = message["operationType"] as! String
            #expect(operationTypes.contains(type))
            // oneOf: the branch whose operationType const matches must have its required fields, and no forbidden ones.
            let branch = (itemSchema["oneOf"] as! [[String: Any]]).first {
                (($0["properties"] as! [String: Any])["operationType"] as! [String: Any])["const"] as? String == type
            }!
            for key in branch["required"] as? [String] ?? [] { #expect(message[key] != nil, "\(type) message lacks \(key)") }
            for (key, rule) in branch["properties"] as! [String: Any] where (rule as? Bool) == false { #expect(message[key] == nil, "\(type) forbids \(key)") }
            for patch in message["patches"] as! [[String: Any]] {
                for key in patchItem["required"] as! [String] { #expect(patch[key] != nil) }
                #expect(patchOps.contains(patch["op"] as! String))
                #expect(patch["path"] as? String == "/attributes/fulfillment_availability")
                let value = patch["value"] as! [[String: Any]]
                #expect(value.first?["fulfillment_channel_code"] as? String == "DEFAULT")
            }
        }
        let quantities = messages.map { (($0["patches"] as! [[String: Any]])[0]["value"] as! [[String: Any]])[0]["quantity"] as? Int }
        #expect(quantities == [5, 0])
    }

    @Test func feedBuilderRefusesWhatAmazonWouldRefuse() throws {
        let many = (0...ListingsFeed.maxMessages).map { (sku: "S\($0)", productType: "PRODUCT", quantity: 1) }
        #expect(throws: DocumentError.tooManyMessages(25_001)) { try ListingsFeed.quantityPatches(many, sellerId: "A").encoded() }
        #expect(throws: SellingPartnerError.self) { try ListingsFeed.quantityPatches([], sellerId: "A").encoded() }
        #expect(throws: SellingPartnerError.self) { try ListingsFeed.quantityPatches([("", "PRODUCT", 1)], sellerId: "A").encoded() }
        var duplicate = ListingsFeed.quantityPatches([("A", "PRODUCT", 1), ("B", "PRODUCT", 2)], sellerId: "A")
        duplicate.messages[1].messageId = 1
        #expect(throws: SellingPartnerError.self) { try duplicate.encoded() }
    }

    // MARK: processing report

    @Test func processingReportExampleMapsIssuesToMessages() throws {
        let report = try ProcessingReport.parse(try Self.fixture("listings-feed-processing-report-schema-v2.example"))
        #expect(report.header.feedId == "1234567890")
        #expect(report.summary == .init(errors: 3, warnings: 0, messagesProcessed: 4, messagesAccepted: 2, messagesInvalid: 2))
        let results = report.results(messageIds: 1...5)
        #expect(results[1] == .accepted(warnings: []))
        guard case .rejected(let four) = results[4], case .rejected(let five) = results[5] else { Issue.record("\(results)"); return }
        #expect(four.count == 2 && four.allSatisfy { $0.code == "90220" && $0.severity == .error })
        #expect(five.first?.attributeName == "purchasable_offer.our_price")
        #expect(report.feedIssues.isEmpty)
    }

    /// The parser's required fields and severities are the processing-report schema's.
    @Test func processingReportTypesFollowTheSchema() throws {
        let schema = try JSONSerialization.jsonObject(with: Self.fixture("listings-feed-processing-report-schema-v2")) as! [String: Any]
        let properties = schema["properties"] as! [String: Any]
        #expect(Set(schema["required"] as! [String]) == ["header", "issues", "summary"])
        let summary = properties["summary"] as! [String: Any]
        #expect(Set(summary["required"] as! [String]) == ["errors", "warnings", "messagesProcessed", "messagesAccepted", "messagesInvalid"])
        let issue = (properties["issues"] as! [String: Any])["items"] as! [String: Any]
        #expect(Set(issue["required"] as! [String]) == ["severity", "message"])
        let severities = ((issue["properties"] as! [String: Any])["severity"] as! [String: Any])["enum"] as! [String]
        #expect(Set(severities) == Set([ProcessingReport.Severity.error, .warning, .info].map(\.rawValue)))
        let header = properties["header"] as! [String: Any]
        #expect(Set(header["required"] as! [String]) == ["sellerId", "version", "feedId"])
    }

    @Test func processingReportNeedsItsSummaryAndToleratesUnknownSeverity() throws {
        let missing = Data(#"{"header":{"sellerId":"A","version":"2.0","feedId":"1"},"issues":[]}"#.utf8)
        #expect { try ProcessingReport.parse(missing) } throws: { error in
            if case SellingPartnerError.decoding(_, "summary", _) = error { return true }
            return false
        }
        let odd = Data(#"{"header":{"sellerId":"A","version":"2.0","feedId":"1"},"issues":[{"messageId":2,"severity":"NOTICE","message":"m"},{"severity":"ERROR","message":"bad feed"}],"summary":{"errors":1,"warnings":0,"messagesProcessed":0,"messagesAccepted":0,"messagesInvalid":0}}"#.utf8)
        let report = try ProcessingReport.parse(odd)
        #expect(report.results(messageIds: [2])[2] == .accepted(warnings: [report.issues[0]]))
        #expect(report.feedIssues.map(\.message) == ["bad feed"])
    }
}

/// Size: a report of 50,000 listings, gzipped as Amazon sends it, read row by row (duration shows in the test log).
@Suite struct DocumentVolumeTests {
    @Test func fiftyThousandRowReportGunzipsAndParses() throws {
        var text = "item-name\titem-description\tlisting-id\tseller-sku\tprice\tquantity\topen-date\tasin1\tfulfillment-channel\tstatus\n"
        for i in 0..<50_000 {
            text += "Item \(i) with a longer name\t\t\(1000 + i)\tSKU-\(i)\t\(i % 100).99\t\(i % 17)\t2026-01-01 00:00:00 PST\tB0\(String(format: "%08d", i))\tDEFAULT\tActive\n"
        }
        let packed = try DocumentDecompression.gzip(Data(text.utf8))
        let start = ContinuousClock.now
        let plain = try DocumentDecompression.plain(packed, compression: .gzip)
        var count = 0, quantity = 0
        for row in try MerchantListingsReport(plain) {
            guard case .listing(let l) = row else { Issue.record("\(row)"); continue }
            count += 1
            quantity += l.quantity ?? 0
        }
        let elapsed = ContinuousClock.now - start
        #expect(count == 50_000)
        #expect(quantity == (0..<50_000).reduce(0) { $0 + $1 % 17 })
        // Printed, not asserted: timings belong to `make bench`; a quadratic parse would not finish at all.
        print("50,000-row listings report decompressed and parsed in \(elapsed)")
    }
}
