import Foundation

/// FBA Inventory, Fulfillment Outbound (MCF) and Catalog Items.
extension SandboxStore {
    // MARK: FBA Inventory

    func getInventorySummaries(_ q: Query) -> Reply {
        guard let type = q.first("granularityType") else { return JSON.invalid("Missing required parameter: granularityType.") }
        guard type == "Marketplace" else { return JSON.invalid("Invalid granularityType: \(type).") }
        guard let gid = q.first("granularityId") else { return JSON.invalid("Missing required parameter: granularityId.") }
        let ids = q.list("marketplaceIds")
        if let bad = marketplaceIdsValid(ids) { return bad }
        guard ids.count == 1, ids[0] == gid else { return JSON.invalid("granularityId must match the single marketplaceId.") }
        if let s = q.first("startDateTime"), JSON.parseTime(s) == nil { return JSON.invalid("Invalid startDateTime: \(s).") }
        let skus = Set(q.list("sellerSkus") + (q.first("sellerSku").map { [$0] } ?? []))
        if skus.count > 50 { return JSON.invalid("sellerSkus accepts at most 50 SKUs.") }
        let details = q.first("details") == "true"
        let code = Marketplace.byId(gid)!.code
        let all = listingOrder.compactMap { listings[$0] }.filter { $0.marketplace == code && $0.fulfillment == "FBA" && (skus.isEmpty || skus.contains($0.sku)) }
        let start = q.first("nextToken").flatMap { Int($0.dropFirst(4)) } ?? 0
        let page = all.dropFirst(start).prefix(50)
        let summaries: [[String: Any]] = page.map { l in
            var s: [String: Any] = ["asin": l.asin, "fnSku": "X00" + String(l.asin.suffix(7)), "sellerSku": l.sku, "condition": "NewItem",
                                    "lastUpdatedTime": JSON.time(l.updated), "productName": l.title, "totalQuantity": l.fbaFulfillable]
            if details {
                s["inventoryDetails"] = ["fulfillableQuantity": l.fbaFulfillable, "inboundWorkingQuantity": 0, "inboundShippedQuantity": 0,
                                         "inboundReceivingQuantity": 0,
                                         "reservedQuantity": ["totalReservedQuantity": 0, "pendingCustomerOrderQuantity": 0, "pendingTransshipmentQuantity": 0, "fcProcessingQuantity": 0],
                                         "researchingQuantity": ["totalResearchingQuantity": 0, "researchingQuantityBreakdown": [] as [Any]],
                                         "unfulfillableQuantity": ["totalUnfulfillableQuantity": 0, "customerDamagedQuantity": 0, "warehouseDamagedQuantity": 0,
                                                                   "distributorDamagedQuantity": 0, "carrierDamagedQuantity": 0, "defectiveQuantity": 0, "expiredQuantity": 0]]
            }
            return s
        }
        var body: [String: Any] = ["payload": ["granularity": ["granularityType": "Marketplace", "granularityId": gid], "inventorySummaries": summaries]]
        if start + 50 < all.count { body["pagination"] = ["nextToken": "inv-\(start + 50)"] }
        return JSON.ok(body)
    }

    // MARK: Fulfillment Outbound

    func createFulfillmentOrder(_ body: [UInt8]) -> Reply {
        guard let j = JSON.decode(body) as? [String: Any] else { return JSON.invalid("Request body is not valid JSON.") }
        for f in ["sellerFulfillmentOrderId", "displayableOrderId", "displayableOrderDate", "displayableOrderComment", "shippingSpeedCategory", "destinationAddress", "items"] where j[f] == nil {
            return JSON.invalid("Missing required field: \(f).")
        }
        guard let id = j["sellerFulfillmentOrderId"] as? String, (1...40).contains(id.count) else { return JSON.invalid("sellerFulfillmentOrderId must be 1 to 40 characters.") }
        guard fulfillmentOrders[id] == nil else { return JSON.invalid("A fulfillment order with sellerFulfillmentOrderId \(id) already exists.") }
        guard let speed = j["shippingSpeedCategory"] as? String, ["Standard", "Expedited", "Priority", "ScheduledDelivery"].contains(speed) else {
            return JSON.invalid("Invalid shippingSpeedCategory.")
        }
        if let d = j["displayableOrderDate"] as? String, JSON.parseTime(d) == nil { return JSON.invalid("Invalid displayableOrderDate: \(d).") }
        guard let address = j["destinationAddress"] as? [String: Any] else { return JSON.invalid("destinationAddress must be an object.") }
        for f in ["name", "addressLine1", "countryCode", "postalCode"] where !(address[f] is String) {
            return JSON.invalid("Missing required field: destinationAddress.\(f).")
        }
        guard let items = j["items"] as? [[String: Any]], !items.isEmpty else { return JSON.invalid("items must be a non-empty array.") }
        let mpId = j["marketplaceId"] as? String ?? Marketplace.byCode(config.marketplaces.first ?? "US")!.id
        if let bad = marketplaceIdsValid([mpId]) { return bad }
        let code = Marketplace.byId(mpId)!.code
        for i in items {
            guard let sku = i["sellerSku"] as? String, i["sellerFulfillmentOrderItemId"] is String, let q = JSON.integer(i["quantity"]), q > 0 else {
                return JSON.invalid("Each item needs sellerSku, sellerFulfillmentOrderItemId and a positive quantity.")
            }
            guard let l = listings["\(code)|\(sku)"], l.fulfillment == "FBA" else { return JSON.invalid("SKU \(sku) is not an FBA SKU in \(code).") }
        }
        let now = now()
        var stored = j
        stored["marketplaceId"] = mpId
        stored["_received"] = now.timeIntervalSince1970
        fulfillmentOrders[id] = stored
        fulfillmentOrderIds.append(id)
        if fulfillmentOrderIds.count > 10_000 { fulfillmentOrders[fulfillmentOrderIds.removeFirst()] = nil }
        for i in items {
            let key = "\(code)|\(i["sellerSku"] as! String)"
            // Read, then write: reading `listings` inside the assignment to it is an exclusive-access violation (a crash).
            let remaining = max(0, (listings[key]?.fbaFulfillable ?? 0) - (JSON.integer(i["quantity"]) ?? 0))
            listings[key]?.fbaFulfillable = remaining
        }
        return JSON.ok([String: Any]())
    }

    /// MCF orders move Received → Planning → Processing → Complete on the simulated clock.
    func fulfillmentStatus(_ o: [String: Any], now: Date) -> (String, Date, Bool) {
        let received = Date(timeIntervalSince1970: o["_received"] as? Double ?? 0)
        let age = now.timeIntervalSince(received)
        let steps: [(Double, String)] = [(0, "Received"), (600, "Planning"), (3600, "Processing"), (4 * 3600, "Complete")]
        let step = steps.last { age >= $0.0 }!
        return (step.1, received.addingTimeInterval(step.0), step.1 == "Complete")
    }

    func fulfillmentOrderWire(_ o: [String: Any], now: Date) -> [String: Any] {
        let (status, updated, _) = fulfillmentStatus(o, now: now)
        return [
            "sellerFulfillmentOrderId": o["sellerFulfillmentOrderId"] ?? "", "marketplaceId": o["marketplaceId"] ?? "",
            "displayableOrderId": o["displayableOrderId"] ?? "", "displayableOrderDate": o["displayableOrderDate"] ?? "",
            "displayableOrderComment": o["displayableOrderComment"] ?? "", "shippingSpeedCategory": o["shippingSpeedCategory"] ?? "",
            "destinationAddress": o["destinationAddress"] ?? [:], "receivedDate": JSON.time(Date(timeIntervalSince1970: o["_received"] as? Double ?? 0)),
            "fulfillmentOrderStatus": status, "statusUpdatedDate": JSON.time(updated),
        ]
    }

    func getFulfillmentOrder(_ id: String) -> Reply {
        guard let o = fulfillmentOrders[id] else { return JSON.notFound("Fulfillment order \(id) not found.") }
        let now = now()
        let (_, updated, complete) = fulfillmentStatus(o, now: now)
        let items = (o["items"] as? [[String: Any]] ?? []).map { i -> [String: Any] in
            ["sellerSku": i["sellerSku"] ?? "", "sellerFulfillmentOrderItemId": i["sellerFulfillmentOrderItemId"] ?? "",
             "quantity": i["quantity"] ?? 0, "cancelledQuantity": 0, "unfulfillableQuantity": 0]
        }
        var payload: [String: Any] = ["fulfillmentOrder": fulfillmentOrderWire(o, now: now), "fulfillmentOrderItems": items,
                                      "returnItems": [] as [Any], "returnAuthorizations": [] as [Any]]
        if complete {
            let id = o["sellerFulfillmentOrderId"] as? String ?? ""
            payload["fulfillmentShipments"] = [[
                "amazonShipmentId": "SB" + String(abs(id.hashValueStable) % 100_000_000), "fulfillmentCenterId": "SBX1",
                "fulfillmentShipmentStatus": "SHIPPED", "shippingDate": JSON.time(updated),
                "fulfillmentShipmentItem": items.map { ["sellerSku": $0["sellerSku"]!, "sellerFulfillmentOrderItemId": $0["sellerFulfillmentOrderItemId"]!, "quantity": $0["quantity"]!, "packageNumber": 1] },
                "fulfillmentShipmentPackage": [["packageNumber": 1, "carrierCode": "UPS", "trackingNumber": "1ZSANDBOX" + String(abs(id.hashValueStable) % 1_000_000_000)]],
            ]]
        }
        return JSON.ok(["payload": payload])
    }

    func listAllFulfillmentOrders(_ q: Query) -> Reply {
        var since = Date.distantPast
        if let s = q.first("queryStartDate") {
            guard let d = JSON.parseTime(s) else { return JSON.invalid("Invalid queryStartDate: \(s).") }
            since = d
        }
        let now = now()
        let all = fulfillmentOrderIds.compactMap { fulfillmentOrders[$0] }.filter { fulfillmentStatus($0, now: now).1 >= since }
        let start = q.first("nextToken").flatMap { Int($0) } ?? 0
        var payload: [String: Any] = ["fulfillmentOrders": all.dropFirst(start).prefix(100).map { fulfillmentOrderWire($0, now: now) }]
        if start + 100 < all.count { payload["nextToken"] = String(start + 100) }
        return JSON.ok(["payload": payload])
    }

    // MARK: Catalog Items

    func getCatalogItem(_ asin: String, _ q: Query) -> Reply {
        let ids = q.list("marketplaceIds")
        if let bad = marketplaceIdsValid(ids) { return bad }
        let known = ["attributes", "classifications", "dimensions", "identifiers", "images", "productTypes", "relationships", "salesRanks", "summaries", "vendorDetails"]
        var included = q.list("includedData")
        if let bad = included.first(where: { !known.contains($0) }) { return JSON.invalid("Invalid includedData value: \(bad).") }
        if included.isEmpty { included = ["summaries"] }
        let codes = Set(ids.compactMap { Marketplace.byId($0)?.code })
        let all = listingOrder.compactMap { listings[$0] }
        let children = all.filter { $0.parentSku.map(Self.parentAsin) == asin && codes.contains($0.marketplace) }
        if let first = children.first {
            // A variation parent: Amazon lists its children and the theme.
            let mpId = Marketplace.byCode(first.marketplace)!.id
            var body: [String: Any] = ["asin": asin]
            if included.contains("summaries") { body["summaries"] = [["marketplaceId": mpId, "itemName": first.title, "itemClassification": "VARIATION_PARENT"]] }
            if included.contains("relationships") {
                body["relationships"] = [["marketplaceId": mpId, "relationships": [["type": "VARIATION", "childAsins": children.map(\.asin),
                    "variationTheme": ["attributes": first.variationTheme, "theme": first.variationTheme.joined(separator: "/").uppercased()]]]]]
            }
            if included.contains("attributes") { body["attributes"] = ["item_name": [["value": first.title, "marketplace_id": mpId]]] }
            return JSON.ok(body)
        }
        guard let item = all.first(where: { $0.asin == asin && codes.contains($0.marketplace) }) else { return JSON.notFound("Requested item '\(asin)' not found in the given marketplaces.") }
        let mpId = Marketplace.byCode(item.marketplace)!.id
        var body: [String: Any] = ["asin": asin]
        if included.contains("summaries") {
            body["summaries"] = [["marketplaceId": mpId, "itemName": item.title, "brand": "Sandbox Brand", "itemClassification": "BASE_PRODUCT"]
                .merging(item.variationValues.filter { ["color", "size", "style"].contains($0.key) }) { a, _ in a }]
        }
        if included.contains("attributes") {
            var attrs: [String: Any] = ["item_name": [["value": item.title, "marketplace_id": mpId]]]
            for (k, v) in item.variationValues { attrs[k] = [["value": v, "marketplace_id": mpId]] }
            body["attributes"] = attrs
        }
        if included.contains("relationships") {
            var rels: [[String: Any]] = []
            if let parent = item.parentSku {
                let theme = item.variationTheme
                rels.append(["type": "VARIATION", "parentAsins": [Self.parentAsin(parent)],
                             "variationTheme": ["attributes": theme, "theme": theme.joined(separator: "/").uppercased()]])
            }
            body["relationships"] = [["marketplaceId": mpId, "relationships": rels]]
        }
        if included.contains("productTypes") { body["productTypes"] = [["marketplaceId": mpId, "productType": item.productType]] }
        if included.contains("identifiers") { body["identifiers"] = [["marketplaceId": mpId, "identifiers": [["identifierType": "SKU", "identifier": item.sku]]]] }
        return JSON.ok(body)
    }

    static func parentAsin(_ parentSku: String) -> String { "B0P" + String(format: "%07ld", abs(parentSku.hashValueStable) % 10_000_000) }
}
