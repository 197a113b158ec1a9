import Foundation

/// Reports 2021-06-30: the listings report and the orders-by-last-update report, generated on the simulated clock.
extension SandboxStore {
    static let listingColumns = ["item-name", "item-description", "listing-id", "seller-sku", "price", "quantity", "open-date", "image-url",
                                 "item-is-marketplace", "product-id-type", "zshop-shipping-fee", "item-note", "item-condition", "zshop-category1",
                                 "zshop-browse-path", "zshop-storefront-feature", "asin1", "asin2", "asin3", "will-ship-internationally",
                                 "expedited-shipping", "zshop-boldface", "product-id", "bid-for-featured-placement", "add-delete",
                                 "pending-quantity", "fulfillment-channel", "merchant-shipping-group", "status"]

    /// How far in the future dataEndTime may lie: the client's clock and Amazon's differ a little, and the sandbox's
    /// simulated clock starts on the whole minute, so it runs up to a minute behind the real one at scale 1.
    static let reportClockSkew = 120.0

    func createReport(_ body: [UInt8]) -> Reply {
        guard let j = JSON.decode(body) as? [String: Any] else { return JSON.invalid("Request body is not valid JSON.") }
        guard let type = j["reportType"] as? String else { return JSON.invalid("Missing required field: reportType.") }
        guard let mps = j["marketplaceIds"] as? [String] else { return JSON.invalid("Missing required field: marketplaceIds.") }
        if let bad = marketplaceIdsValid(mps) { return bad }
        var times: [String: Date] = [:]
        for f in ["dataStartTime", "dataEndTime"] {
            guard let value = j[f] else { continue }
            guard let s = value as? String, let d = JSON.parseTime(s) else {
                return JSON.invalid("Invalid \(f): \(value).", "The date must be in ISO 8601 date time format.")
            }
            times[f] = d
        }
        arrive()
        let now = now()
        let id = nextId("")
        var r: [String: Any] = ["reportId": id, "reportType": type, "marketplaceIds": mps, "createdTime": JSON.time(now),
                                "processingStatus": "IN_QUEUE", "_created": now.timeIntervalSince1970]
        switch type {
        case "GET_MERCHANT_LISTINGS_ALL_DATA":
            r["_queue"] = Self.queueSeconds
            r["_done"] = Self.processSeconds
        case OrderReport.reportType:
            guard mps.count == 1 else { return JSON.invalid("\(type) accepts exactly one marketplaceId.", "Create one report per marketplace.") }
            // Without dataEndTime the report runs to now; without dataStartTime it covers the 30 days before its end.
            let end = times["dataEndTime"] ?? now
            let start = times["dataStartTime"] ?? end.addingTimeInterval(-30 * 86400)
            guard end <= now.addingTimeInterval(Self.reportClockSkew) else {
                return JSON.invalid("Invalid dataEndTime: \(JSON.time(end)).", "The value must be prior to or equal to the current date and time.")
            }
            guard start < end else { return JSON.invalid("dataStartTime must be before dataEndTime.") }
            // The rows are the orders as they stand now, at creation: an order that changes while the report is
            // generating is not in it (or shows its earlier state), as with Amazon; the client's overlap catches it.
            let report = OrderReport(snapshot: now, start: start, end: end, marketplace: Marketplace.byId(mps[0])!)
            r["_document"] = DocumentCompression.gzip(report.document(orderIds.lazy.compactMap { self.orders[$0] }), fast: true)
            r["dataStartTime"] = JSON.time(start)
            r["dataEndTime"] = JSON.time(end)
            r["_queue"] = config.orderReportDelay / 10
            r["_done"] = config.orderReportDelay
        default:
            return JSON.invalid("Unsupported reportType: \(type).",
                                "The sandbox generates GET_MERCHANT_LISTINGS_ALL_DATA and \(OrderReport.reportType) only.")
        }
        if let outcome = takeReportOutcome(reportType: type) { r["_outcome"] = outcome }
        reports[id] = r
        reportIds.append(id)
        if reportIds.count > 1000 { reports[reportIds.removeFirst()] = nil }
        return JSON.ok(["reportId": id], status: 202)
    }

    /// Reports move IN_QUEUE → IN_PROGRESS → DONE on the simulated clock (a CANCELLED fault ends one when its queue
    /// time is up, a FATAL fault instead of DONE). The listings document is a snapshot at DONE, the orders document
    /// one at creation.
    func processDueReports() {
        let now = now().timeIntervalSince1970
        for id in reportIds {
            guard var r = reports[id], let created = r["_created"] as? Double, let status = r["processingStatus"] as? String,
                  status == "IN_QUEUE" || status == "IN_PROGRESS" else { continue }
            let queue = r["_queue"] as? Double ?? Self.queueSeconds
            let done = r["_done"] as? Double ?? Self.processSeconds
            let outcome = r["_outcome"] as? String
            let age = now - created
            guard age >= queue else { continue }
            if outcome == "CANCELLED" {
                r["processingStatus"] = "CANCELLED"
                r["processingEndTime"] = JSON.time(Date(timeIntervalSince1970: created + queue))
                r["_document"] = nil
                reports[id] = r
                continue
            }
            r["processingStatus"] = "IN_PROGRESS"
            r["processingStartTime"] = JSON.time(Date(timeIntervalSince1970: created + queue))
            if age >= done {
                r["processingEndTime"] = JSON.time(Date(timeIntervalSince1970: created + done))
                if outcome == "FATAL" {
                    r["processingStatus"] = "FATAL"
                } else {
                    let docId = nextId("amzn1.spdoc.1.4.na.sandbox-")
                    // Amazon stores report documents gzipped and says so with compressionAlgorithm GZIP.
                    documents[docId] = r["_document"] as? [UInt8] ?? DocumentCompression.gzip(listingsDocument(r))
                    documentTypes[docId] = "text/tab-separated-values; charset=UTF-8"
                    r["processingStatus"] = "DONE"
                    r["reportDocumentId"] = docId
                }
                r["_document"] = nil
            }
            reports[id] = r
        }
    }

    /// GET_MERCHANT_LISTINGS_ALL_DATA: one row per listing of the report's first marketplace, as it stands now.
    func listingsDocument(_ r: [String: Any]) -> [UInt8] {
        let code = Marketplace.byId((r["marketplaceIds"] as? [String])?.first ?? "")?.code ?? "US"
        var lines = [Self.listingColumns.joined(separator: "\t")]
        for l in listingOrder.compactMap({ listings[$0] }) where l.marketplace == code {
            let open = l.created.formatted(.iso8601.year().month().day().dateSeparator(.dash)) + " 00:00:00 PST"
            let row: [String: String] = [
                "item-name": l.title, "listing-id": "SB" + String(abs(l.sku.hashValueStable) % 10_000_000_000), "seller-sku": l.sku,
                "price": String(format: "%.2f", l.price), "quantity": l.fulfillment == "FBA" ? "" : String(l.quantity), "open-date": open,
                "item-is-marketplace": "y", "product-id-type": "1", "item-condition": "11", "asin1": l.asin, "will-ship-internationally": "",
                "product-id": l.asin, "pending-quantity": "0", "fulfillment-channel": l.fulfillment == "FBA" ? (["US": "AMAZON_NA", "UK": "AMAZON_EU", "IN": "AMAZON_IN"][l.marketplace] ?? "AMAZON_NA") : "DEFAULT",
                "merchant-shipping-group": "Migrated Template", "status": "Active",
            ]
            lines.append(Self.listingColumns.map { row[$0] ?? "" }.joined(separator: "\t"))
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    func getReport(_ id: String) -> Reply {
        processDueReports()
        guard let r = reports[id] else { return JSON.notFound("Report \(id) not found.") }
        return JSON.ok(r.filter { !$0.key.hasPrefix("_") })
    }

    func getReportDocument(_ id: String, host: String) -> Reply {
        processDueReports()
        guard documents[id] != nil, reports.values.contains(where: { ($0["reportDocumentId"] as? String) == id }) else { return JSON.notFound("Report document \(id) not found.") }
        return JSON.ok(["reportDocumentId": id, "url": documentURL(id, host: host), "compressionAlgorithm": "GZIP"])
    }
}
