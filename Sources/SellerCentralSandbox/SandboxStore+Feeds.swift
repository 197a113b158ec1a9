import Foundation

/// Feeds 2021-06-30: documents uploaded to the sandbox itself, JSON_LISTINGS_FEED processed into v2 processing reports.
extension SandboxStore {
    static let queueSeconds = 30.0
    static let processSeconds = 60.0

    func documentURL(_ id: String, host: String) -> String { "http://\(host)/_documents/\(id)" }

    func createFeedDocument(_ body: [UInt8], host: String) -> Reply {
        guard let j = JSON.decode(body) as? [String: Any], let type = j["contentType"] as? String, !type.isEmpty else {
            return JSON.invalid("Missing required field: contentType.")
        }
        let id = nextId("amzn1.tortuga.4.na.sandbox-doc-")
        documents[id] = []
        documentTypes[id] = type
        return JSON.ok(["feedDocumentId": id, "url": documentURL(id, host: host)], status: 201)
    }

    /// Accepts any bytes, but like S3 behind Amazon's presigned URL only with the Content-Type the URL was signed for.
    func upload(_ id: String, _ body: [UInt8], contentType: String?) -> Reply {
        guard documents[id] != nil, !DocumentCompression.isCompressed(id) else { return Self.s3Error(404, "NoSuchKey", "The specified key does not exist.") }
        guard let signed = documentTypes[id], contentType == signed else {
            return Self.s3Error(403, "SignatureDoesNotMatch",
                                "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
        }
        documents[id] = body
        return Reply(status: 200, body: [], contentType: "text/plain")
    }

    func download(_ id: String) -> Reply {
        processDueFeeds()
        processDueReports()
        guard let bytes = documents[id] else { return Self.s3Error(404, "NoSuchKey", "The specified key does not exist.") }
        return Reply(status: 200, body: bytes, contentType: documentTypes[id] ?? "application/octet-stream")
    }

    /// An error in S3's XML format, as Amazon's document URLs answer.
    static func s3Error(_ status: Int, _ code: String, _ message: String) -> Reply {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>\(code)</Code><Message>\(message)</Message><RequestId>SANDBOX</RequestId></Error>"
        return Reply(status: status, body: Array(xml.utf8), contentType: "application/xml")
    }

    func createFeed(_ body: [UInt8]) -> Reply {
        guard let j = JSON.decode(body) as? [String: Any] else { return JSON.invalid("Request body is not valid JSON.") }
        guard let type = j["feedType"] as? String else { return JSON.invalid("Missing required field: feedType.") }
        guard let mps = j["marketplaceIds"] as? [String] else { return JSON.invalid("Missing required field: marketplaceIds.") }
        if let bad = marketplaceIdsValid(mps) { return bad }
        guard let doc = j["inputFeedDocumentId"] as? String else { return JSON.invalid("Missing required field: inputFeedDocumentId.") }
        guard documents[doc] != nil else { return JSON.invalid("Invalid inputFeedDocumentId: \(doc).") }
        guard type == "JSON_LISTINGS_FEED" else { return JSON.invalid("Unsupported feedType: \(type).", "The sandbox processes JSON_LISTINGS_FEED only.") }
        let id = nextId("")
        let now = now()
        feeds[id] = ["feedId": id, "feedType": type, "marketplaceIds": mps, "createdTime": JSON.time(now), "processingStatus": "IN_QUEUE",
                     "inputFeedDocumentId": doc, "_created": now.timeIntervalSince1970]
        feedIds.append(id)
        if feedIds.count > 5000 { feeds[feedIds.removeFirst()] = nil }
        return JSON.ok(["feedId": id], status: 202)
    }

    func feedWire(_ f: [String: Any]) -> [String: Any] { f.filter { !$0.key.hasPrefix("_") && $0.key != "inputFeedDocumentId" } }

    func getFeed(_ id: String) -> Reply {
        processDueFeeds()
        guard let f = feeds[id] else { return JSON.notFound("Feed \(id) not found.") }
        return JSON.ok(feedWire(f))
    }

    func getFeedDocument(_ id: String, host: String) -> Reply {
        processDueFeeds()
        guard documents[id] != nil else { return JSON.notFound("Feed document \(id) not found.") }
        var answer: [String: Any] = ["feedDocumentId": id, "url": documentURL(id, host: host)]
        if DocumentCompression.isCompressed(id) { answer["compressionAlgorithm"] = "GZIP" }
        return JSON.ok(answer)
    }

    /// Moves feeds IN_QUEUE → IN_PROGRESS → DONE on the simulated clock, processing each one once.
    func processDueFeeds() {
        let now = now()
        for id in feedIds {
            guard var f = feeds[id], let created = f["_created"] as? Double, let status = f["processingStatus"] as? String else { continue }
            guard status == "IN_QUEUE" || status == "IN_PROGRESS" else { continue }
            let age = now.timeIntervalSince1970 - created
            if age >= Self.queueSeconds && status == "IN_QUEUE" {
                f["processingStatus"] = "IN_PROGRESS"
                f["processingStartTime"] = JSON.time(Date(timeIntervalSince1970: created + Self.queueSeconds))
            }
            if age >= Self.processSeconds {
                let report = processListingsFeed(feedId: id, input: documents[f["inputFeedDocumentId"] as? String ?? ""] ?? [], marketplaceIds: f["marketplaceIds"] as? [String] ?? [])
                let reportId = nextId("amzn1.tortuga.4.na.sandbox-report-")
                // Amazon may gzip feed results; the sandbox always does, so clients must honour compressionAlgorithm.
                documents[reportId] = DocumentCompression.gzip(report)
                documentTypes[reportId] = "application/json"
                f["processingStatus"] = "DONE"
                f["processingEndTime"] = JSON.time(Date(timeIntervalSince1970: created + Self.processSeconds))
                f["resultFeedDocumentId"] = reportId
            }
            feeds[id] = f
        }
    }

    /// Validates each message against listings-feed-schema-v2's rules and applies accepted patches to the listings.
    func processListingsFeed(feedId: String, input: [UInt8], marketplaceIds: [String]) -> [UInt8] {
        var issues: [[String: Any]] = []
        var processed = 0, accepted = 0, invalid = 0
        func fatal(_ message: String) -> [UInt8] {
            JSON.encode(["header": ["sellerId": config.sellerId, "version": "2.0", "feedId": feedId],
                         "issues": [["code": "100001", "severity": "ERROR", "message": message]],
                         "summary": ["errors": 1, "warnings": 0, "messagesProcessed": 0, "messagesAccepted": 0, "messagesInvalid": 0]])
        }
        guard let doc = JSON.decode(input) as? [String: Any] else { return fatal("The feed document is not valid JSON.") }
        guard let header = doc["header"] as? [String: Any], header["sellerId"] is String, (header["version"] as? String) == "2.0" else {
            return fatal("The feed header needs sellerId and version \"2.0\".")
        }
        guard (header["sellerId"] as? String) == config.sellerId else { return fatal("The feed header sellerId does not match the submitting seller.") }
        guard let messages = doc["messages"] as? [[String: Any]], !messages.isEmpty, messages.count <= 25_000 else {
            return fatal("The feed needs between 1 and 25000 messages.")
        }
        let code = Marketplace.byId(marketplaceIds.first ?? "")?.code ?? "US"
        var seen = Set<Int>()
        for m in messages {
            processed += 1
            let messageId = JSON.integer(m["messageId"]) ?? -1
            let sku = m["sku"] as? String ?? ""
            var problems: [String] = []
            if messageId < 1 || seen.contains(messageId) { problems.append("messageId must be a unique positive integer.") }
            seen.insert(messageId)
            if sku.isEmpty { problems.append("'sku' is required but not supplied.") }
            let opType = m["operationType"] as? String ?? ""
            if !["UPDATE", "PARTIAL_UPDATE", "DELETE", "PATCH"].contains(opType) { problems.append("'operationType' must be one of UPDATE, PARTIAL_UPDATE, DELETE, PATCH.") }
            if ["UPDATE", "PATCH", "PARTIAL_UPDATE"].contains(opType) && !(m["productType"] is String) { problems.append("'productType' is required but not supplied.") }
            let patches = m["patches"] as? [[String: Any]] ?? []
            if opType == "PATCH" && patches.isEmpty { problems.append("'patches' is required but not supplied.") }
            let key = "\(code)|\(sku)"
            if problems.isEmpty && listings[key] == nil && opType != "UPDATE" { problems.append("SKU '\(sku)' does not exist in this marketplace.") }
            if problems.isEmpty && opType == "PATCH" {
                // Validate before applying so an invalid message changes nothing.
                let original = listings[key]
                let patchIssues = applyPatches(key, patches, marketplaceId: marketplaceIds.first ?? "")
                if !patchIssues.isEmpty {
                    listings[key] = original
                    problems += patchIssues.compactMap { $0["message"] as? String }
                }
            }
            if problems.isEmpty {
                accepted += 1
            } else {
                invalid += 1
                for p in problems { issues.append(["messageId": messageId, "sku": sku, "code": "90220", "severity": "ERROR", "message": p]) }
            }
        }
        return JSON.encode([
            "header": ["sellerId": config.sellerId, "version": "2.0", "feedId": feedId],
            "issues": issues,
            "summary": ["errors": issues.count, "warnings": 0, "messagesProcessed": processed, "messagesAccepted": accepted, "messagesInvalid": invalid],
        ])
    }
}
