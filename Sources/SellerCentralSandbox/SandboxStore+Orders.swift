import Foundation

/// Orders 2026-01-01 searchOrders/getOrder and Orders v0 confirmShipment, validated as the model states.
extension SandboxStore {
    func marketplaceIdsValid(_ ids: [String]) -> Reply? {
        if ids.isEmpty { return JSON.invalid("Missing required parameter: marketplaceIds.") }
        if ids.count > 50 { return JSON.invalid("Too many marketplaceIds: \(ids.count).", "At most 50 marketplaceIds may be given.") }
        for id in ids where Marketplace.byId(id) == nil || !config.marketplaces.contains(Marketplace.byId(id)!.code) {
            return JSON.invalid("Invalid marketplaceId: \(id).", "The marketplaceId is not valid or the seller does not participate in it.")
        }
        return nil
    }

    func searchOrders(_ q: Query) -> Reply {
        arrive()
        let now = now()
        var dates: [String: Date] = [:]
        for name in ["createdAfter", "createdBefore", "lastUpdatedAfter", "lastUpdatedBefore"] {
            if let s = q.first(name) {
                guard let d = JSON.parseTime(s) else { return JSON.invalid("Invalid \(name): \(s).", "The date must be in ISO 8601 format.") }
                dates[name] = d
            }
        }
        do {
            if (dates["createdAfter"] == nil) == (dates["lastUpdatedAfter"] == nil) {
                return JSON.invalid("Exactly one of createdAfter and lastUpdatedAfter must be provided.")
            }
            if dates["createdAfter"] != nil && (dates["lastUpdatedBefore"] != nil) {
                return JSON.invalid("lastUpdatedBefore cannot be provided with createdAfter.")
            }
            if dates["lastUpdatedAfter"] != nil && dates["createdBefore"] != nil {
                return JSON.invalid("createdBefore cannot be provided with lastUpdatedAfter.")
            }
        }
        for (name, after) in [("createdBefore", "createdAfter"), ("lastUpdatedBefore", "lastUpdatedAfter")] {
            if let d = dates[name] {
                if d > now.addingTimeInterval(-120) { return JSON.invalid("\(name) must be at least 2 minutes before the current time.") }
                if let a = dates[after], d < a { return JSON.invalid("\(name) must be equal to or after \(after).") }
            }
            if let a = dates[after], a > now { return JSON.invalid("\(after) must be in the past.") }
        }
        // marketplaceIds is optional: without it, every marketplace the seller participates in.
        var ids = q.list("marketplaceIds")
        if ids.isEmpty { ids = config.marketplaces.compactMap { Marketplace.byCode($0)?.id } }
        if let bad = marketplaceIdsValid(ids) { return bad }
        let statuses = q.list("fulfillmentStatuses")
        let known = ["PENDING_AVAILABILITY", "PENDING", "UNSHIPPED", "PARTIALLY_SHIPPED", "SHIPPED", "CANCELLED", "UNFULFILLABLE"]
        if let s = statuses.first(where: { !known.contains($0) }) { return JSON.invalid("Invalid fulfillmentStatuses value: \(s).") }
        let by = q.list("fulfilledBy")
        if let s = by.first(where: { !["MERCHANT", "AMAZON"].contains($0) }) { return JSON.invalid("Invalid fulfilledBy value: \(s).") }
        let included = q.list("includedData")
        let knownData = ["BUYER", "RECIPIENT", "PROCEEDS", "EXPENSE", "PROMOTION", "CANCELLATION", "FULFILLMENT", "PACKAGES", "TAX", "PAYMENT", "FULFILLMENT_ORDERS"]
        if let s = included.first(where: { !knownData.contains($0) }) { return JSON.invalid("Invalid includedData value: \(s).") }
        var pageSize = 100
        if let s = q.first("maxResultsPerPage") {
            guard let n = Int(s), (1...100).contains(n) else { return JSON.invalid("maxResultsPerPage must be between 1 and 100.") }
            pageSize = n
        }
        var start = 0
        // The token carries the position, the time the search was frozen at (so pages stay consistent) and a digest
        // of the parameters that must not change between pages (all but maxResultsPerPage and includedData).
        let digest = Self.searchDigest(q)
        var horizon = Date(timeIntervalSince1970: (now.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
        if let t = q.first("paginationToken") {
            let parts = t.split(separator: "-")
            guard parts.count == 3, let s = Int(parts[0]), let h = Int(parts[1]) else { return JSON.invalid("Invalid paginationToken.") }
            guard String(parts[2]) == digest else {
                return JSON.invalid("Invalid paginationToken.", "All parameters other than maxResultsPerPage and includedData must have the values of the request that generated the token.")
            }
            start = s
            horizon = Date(timeIntervalSince1970: Double(h) / 1000)
            if now.timeIntervalSince(horizon) > 86400 { return JSON.invalid("The paginationToken has expired.", "Tokens expire after 24 hours.") }
        }
        // Amazon answers with the upper bound it applied; without one it is two minutes before the search.
        let bound = horizon.addingTimeInterval(-120)
        let createdBound = dates["createdBefore"] ?? bound
        let updatedBound = dates["lastUpdatedBefore"] ?? bound
        let codes = Set(ids.compactMap { Marketplace.byId($0)?.code })
        var matched: [SandboxOrder] = []
        for id in orderIds {
            guard let o = orders[id], o.created <= horizon, codes.contains(o.marketplace) else { continue }
            if let a = dates["createdAfter"], o.created < a { continue }
            if dates["createdAfter"] != nil, o.created > createdBound { continue }
            let updated = o.lastUpdated(at: horizon)
            if let a = dates["lastUpdatedAfter"], updated < a { continue }
            if dates["lastUpdatedAfter"] != nil, updated > updatedBound { continue }
            if !statuses.isEmpty && !statuses.contains(o.status(at: horizon)) { continue }
            if !by.isEmpty && !by.contains(o.channel == "AFN" ? "AMAZON" : "MERCHANT") { continue }
            matched.append(o)
        }
        if dates["lastUpdatedAfter"] != nil { matched.sort { $0.lastUpdated(at: horizon) < $1.lastUpdated(at: horizon) } }
        let page = matched.dropFirst(start).prefix(pageSize)
        var body: [String: Any] = ["orders": page.map { wire($0, at: horizon, included: Set(included)) }]
        if dates["lastUpdatedAfter"] != nil { body["lastUpdatedBefore"] = JSON.time(updatedBound) } else { body["createdBefore"] = JSON.time(createdBound) }
        if start + pageSize < matched.count {
            body["pagination"] = ["nextToken": "\(start + pageSize)-\(Int((horizon.timeIntervalSince1970 * 1000).rounded(.down)))-\(digest)"]
        }
        return JSON.ok(body)
    }

    /// A digest of the searchOrders parameters that must stay the same from page to page.
    static func searchDigest(_ q: Query) -> String {
        let fixed = q.pairs.filter { !["maxResultsPerPage", "includedData", "paginationToken"].contains($0.0) }
            .map { "\($0.0)=\($0.1)" }.sorted().joined(separator: "&")
        return String(UInt64(bitPattern: Int64(fixed.hashValueStable)) % 1_000_000_007, radix: 36)
    }

    func getOrder(_ id: String, _ q: Query) -> Reply {
        arrive()
        let knownData = ["BUYER", "RECIPIENT", "PROCEEDS", "EXPENSE", "PROMOTION", "CANCELLATION", "FULFILLMENT", "PACKAGES", "TAX", "PAYMENT", "FULFILLMENT_ORDERS"]
        if let s = q.list("includedData").first(where: { !knownData.contains($0) }) { return JSON.invalid("Invalid includedData value: \(s).") }
        guard let o = orders[id] else { return JSON.notFound("Order \(id) not found.") }
        return JSON.ok(["order": wire(o, at: now(), included: Set(q.list("includedData")))])
    }

    func wire(_ o: SandboxOrder, at now: Date, included: Set<String>) -> [String: Any] {
        let mp = Marketplace.byCode(o.marketplace)!
        let status = o.status(at: now)
        var order: [String: Any] = [
            "orderId": o.id,
            "createdTime": JSON.time(o.created),
            "lastUpdatedTime": JSON.time(o.lastUpdated(at: now)),
            "salesChannel": ["channelName": "AMAZON", "marketplaceId": mp.id, "marketplaceName": mp.name],
            "orderItems": o.items.enumerated().map { i, item -> [String: Any] in
                var w: [String: Any] = [
                    "orderItemId": o.orderItemId(i),
                    "quantityOrdered": item.quantity,
                    "product": [
                        "asin": item.asin, "title": item.title, "sellerSku": item.sku,
                        "price": ["unitPrice": ["amount": String(format: "%.2f", item.price), "currencyCode": mp.currency]],
                    ] as [String: Any],
                ]
                if included.contains("FULFILLMENT") {
                    let shipped = status == "SHIPPED" ? item.quantity : min(item.quantity, o.confirmedShipped[i] ?? 0)
                    w["fulfillment"] = ["quantityFulfilled": shipped, "quantityUnfulfilled": item.quantity - shipped]
                }
                return w
            },
        ]
        // Order-level fulfillment is part of the FULFILLMENT dataset, like the items' fulfillment.
        if included.contains("FULFILLMENT") {
            order["fulfillment"] = ["fulfillmentStatus": status, "fulfilledBy": o.channel == "AFN" ? "AMAZON" : "MERCHANT"]
        }
        if included.contains("BUYER") {
            var b: [String: Any] = ["buyerName": o.buyerName]
            if o.channel == "MFN" { b["buyerEmail"] = o.buyerEmail }
            order["buyer"] = b
        }
        if included.contains("RECIPIENT") { order["recipient"] = ["deliveryAddress": o.address] }
        if included.contains("PROCEEDS") {
            let total = o.items.reduce(0.0) { $0 + $1.price * Double($1.quantity) }
            order["proceeds"] = ["grandTotal": ["amount": String(format: "%.2f", total), "currencyCode": mp.currency]]
        }
        return order
    }

    func confirmShipment(_ id: String, _ body: [UInt8]) -> Reply {
        guard let o = orders[id] else { return JSON.notFound("Order \(id) not found.") }
        guard let json = JSON.decode(body) as? [String: Any], let pkg = json["packageDetail"] as? [String: Any],
              let mpId = json["marketplaceId"] as? String
        else { return JSON.invalid("Missing required field: packageDetail or marketplaceId.") }
        for field in ["packageReferenceId", "carrierCode", "trackingNumber", "shipDate", "orderItems"] where pkg[field] == nil {
            return JSON.invalid("Missing required field: packageDetail.\(field).")
        }
        if let s = pkg["shipDate"] as? String, JSON.parseTime(s) == nil { return JSON.invalid("Invalid shipDate: \(s).") }
        guard let reference = pkg["packageReferenceId"] as? String, let n = Int(reference), n > 0 else {
            return JSON.invalid("Invalid packageDetail.packageReferenceId.", "It must be a positive number, given as a string.")
        }
        guard Marketplace.byId(mpId)?.code == o.marketplace else { return JSON.invalid("Invalid marketplaceId: \(mpId).") }
        let now = now()
        guard o.status(at: now) == "UNSHIPPED" || o.status(at: now) == "PARTIALLY_SHIPPED" else {
            return JSON.invalid("The order is not in a state that allows shipment confirmation.", "Status: \(o.status(at: now))")
        }
        var confirmed = o.confirmedShipped
        for entry in pkg["orderItems"] as? [[String: Any]] ?? [] {
            guard let itemId = entry["orderItemId"] as? String,
                  let index = o.items.indices.first(where: { o.orderItemId($0) == itemId })
            else { return JSON.invalid("Invalid orderItemId in packageDetail.orderItems.", "The order has no item \(entry["orderItemId"] ?? "(missing)").") }
            let quantity = (entry["quantity"] as? NSNumber)?.intValue ?? o.items[index].quantity
            guard quantity >= 1, (confirmed[index] ?? 0) + quantity <= o.items[index].quantity else {
                return JSON.invalid("Invalid quantity for order item \(itemId).", "It must be at least 1 and at most the quantity not yet shipped.")
            }
            confirmed[index, default: 0] += quantity
        }
        if (pkg["orderItems"] as? [Any])?.isEmpty ?? true { return JSON.invalid("packageDetail.orderItems must list at least one item.") }
        orders[id]?.confirmedShipped = confirmed
        if o.items.indices.allSatisfy({ (confirmed[$0] ?? 0) >= o.items[$0].quantity }) {
            orders[id]?.shippedAt = now
        } else if o.partiallyShippedAt == nil {
            orders[id]?.partiallyShippedAt = now
        }
        shipments.append(["orderId": id, "marketplaceId": mpId, "packageDetail": pkg, "receivedAt": JSON.time(now)])
        if shipments.count > 10_000 { shipments.removeFirst() }
        return Reply(status: 204, body: [])
    }
}

extension String {
    /// A hash that does not change between runs (Swift's `hashValue` is seeded per process).
    var hashValueStable: Int {
        var h: UInt64 = 1_469_598_103_934_665_603
        for b in utf8 { h = (h ^ UInt64(b)) &* 1_099_511_628_211 }
        return Int(h >> 2)
    }
}
