import Foundation

/// Sellers, Listings Items and the admin view of listings.
extension SandboxStore {
    func marketplaceParticipations() -> Reply {
        let payload: [[String: Any]] = config.marketplaces.compactMap { Marketplace.byCode($0) }.map { mp in
            ["marketplace": ["id": mp.id, "name": mp.name, "countryCode": mp.countryCode, "defaultCurrencyCode": mp.currency,
                             "defaultLanguageCode": mp.language, "domainName": mp.domain],
             "participation": ["isParticipating": true, "hasSuspendedListings": false]]
        }
        return JSON.ok(["payload": payload])
    }

    func listingWire(_ l: Listing) -> [String: Any] {
        let mp = Marketplace.byCode(l.marketplace)!
        var attributes: [String: Any] = [
            "item_name": [["value": l.title, "marketplace_id": mp.id]],
            "purchasable_offer": [["currency": mp.currency, "our_price": [["schedule": [["value_with_tax": l.price]]]], "marketplace_id": mp.id]],
        ]
        for (k, v) in l.variationValues { attributes[k] = [["value": v, "marketplace_id": mp.id]] }
        if !l.variationTheme.isEmpty { attributes["variation_theme"] = [["name": l.variationTheme.joined(separator: "/").uppercased()]] }
        if let p = l.parentSku { attributes["child_parent_sku_relationship"] = [["child_relationship_type": "variation", "parent_sku": p, "marketplace_id": mp.id]] }
        // Amazon names the FBA channel by region.
        let code = l.fulfillment == "FBA" ? ["US": "AMAZON_NA", "UK": "AMAZON_EU", "IN": "AMAZON_IN"][l.marketplace] ?? "AMAZON_NA" : "DEFAULT"
        var fa: [String: Any] = ["fulfillmentChannelCode": code]
        if l.fulfillment != "FBA" { fa["quantity"] = l.quantity }
        return [
            "sku": l.sku,
            "summaries": [["marketplaceId": mp.id, "asin": l.asin, "productType": l.productType, "conditionType": "new_new",
                           "status": ["BUYABLE", "DISCOVERABLE"], "itemName": l.title, "createdDate": JSON.time(l.created),
                           "lastUpdatedDate": JSON.time(l.updated)]],
            "attributes": attributes,
            "fulfillmentAvailability": [fa],
            "issues": [] as [Any],
        ]
    }

    func getListingsItem(seller: String, sku: String, _ q: Query) -> Reply {
        guard seller == config.sellerId else { return Reply(status: 403, body: JSON.errors("Unauthorized", "Access to requested resource is denied.", "The sellerId does not match the access token.")) }
        let ids = q.list("marketplaceIds")
        if let bad = marketplaceIdsValid(ids) { return bad }
        guard let code = Marketplace.byId(ids[0])?.code, let l = listings["\(code)|\(sku)"] else { return JSON.notFound("SKU '\(sku)' not found in marketplace \(ids[0]).") }
        return JSON.ok(listingWire(l))
    }

    func searchListingsItems(seller: String, _ q: Query) -> Reply {
        guard seller == config.sellerId else { return Reply(status: 403, body: JSON.errors("Unauthorized", "Access to requested resource is denied.")) }
        let ids = q.list("marketplaceIds")
        if let bad = marketplaceIdsValid(ids) { return bad }
        var size = 10
        if let s = q.first("pageSize") {
            guard let n = Int(s), (1...20).contains(n) else { return JSON.invalid("pageSize must be between 1 and 20.") }
            size = n
        }
        let code = Marketplace.byId(ids[0])!.code
        let wanted = Set(q.list("identifiers"))
        let all = listingOrder.compactMap { listings[$0] }.filter { $0.marketplace == code && (wanted.isEmpty || wanted.contains($0.sku)) }
        let start = q.first("pageToken").flatMap { Int($0) } ?? 0
        let page = all.dropFirst(start).prefix(size)
        var body: [String: Any] = ["numberOfResults": all.count, "items": page.map(listingWire)]
        if start + size < all.count { body["pagination"] = ["nextToken": String(start + size)] }
        return JSON.ok(body)
    }

    /// Applies JSON patches Amazon accepts for quantities; returns the issues for the ones it rejects.
    func applyPatches(_ key: String, _ patches: [[String: Any]], marketplaceId: String) -> [[String: Any]] {
        var issues: [[String: Any]] = []
        for p in patches {
            guard let op = p["op"] as? String, ["add", "replace", "delete", "merge"].contains(op), let path = p["path"] as? String else {
                issues.append(["code": "4000001", "message": "Each patch needs op (add|replace|delete|merge) and path.", "severity": "ERROR", "categories": ["INVALID_ATTRIBUTE"]])
                continue
            }
            if path == "/attributes/fulfillment_availability" {
                guard let values = p["value"] as? [[String: Any]], let v = values.first,
                      v["fulfillment_channel_code"] is String else {
                    issues.append(["code": "4000001", "message": "fulfillment_availability needs fulfillment_channel_code.", "severity": "ERROR", "attributeNames": ["fulfillment_availability"], "categories": ["INVALID_ATTRIBUTE"]])
                    continue
                }
                if let q = v["quantity"] {
                    guard let n = JSON.integer(q), n >= 0 else {
                        issues.append(["code": "4000001", "message": "quantity must be a non-negative integer.", "severity": "ERROR", "attributeNames": ["fulfillment_availability"], "categories": ["INVALID_ATTRIBUTE"]])
                        continue
                    }
                    listings[key]?.quantity = n
                    listings[key]?.updated = now()
                }
            } else if path.hasPrefix("/attributes/") {
                listings[key]?.updated = now()
            } else {
                issues.append(["code": "4000001", "message": "Unsupported patch path \(path).", "severity": "ERROR", "categories": ["INVALID_ATTRIBUTE"]])
            }
        }
        return issues
    }

    func patchListingsItem(seller: String, sku: String, _ q: Query, _ body: [UInt8]) -> Reply {
        guard seller == config.sellerId else { return Reply(status: 403, body: JSON.errors("Unauthorized", "Access to requested resource is denied.")) }
        let ids = q.list("marketplaceIds")
        if let bad = marketplaceIdsValid(ids) { return bad }
        guard let json = JSON.decode(body) as? [String: Any] else { return JSON.invalid("Request body is not valid JSON.") }
        guard json["productType"] is String, let patches = json["patches"] as? [[String: Any]], !patches.isEmpty else {
            return JSON.invalid("Missing required field: productType or patches.")
        }
        let code = Marketplace.byId(ids[0])!.code
        let key = "\(code)|\(sku)"
        guard listings[key] != nil else { return JSON.notFound("SKU '\(sku)' not found in marketplace \(ids[0]).") }
        if let mode = q.first("mode"), mode != "VALIDATION_PREVIEW" { return JSON.invalid("Invalid mode: \(mode).") }
        // VALIDATION_PREVIEW validates without persisting; an invalid patch changes nothing either.
        let original = listings[key]
        let issues = applyPatches(key, patches, marketplaceId: ids[0])
        let preview = q.first("mode") == "VALIDATION_PREVIEW"
        if preview || !issues.isEmpty { listings[key] = original }
        let status = !issues.isEmpty ? "INVALID" : preview ? "VALID" : "ACCEPTED"
        return JSON.ok(["sku": sku, "status": status, "submissionId": nextId("sub-"), "issues": issues])
    }
}
