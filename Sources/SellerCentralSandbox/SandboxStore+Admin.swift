import Foundation

/// The operator's `/_sandbox` API: read back what clients pushed and add or change data.
extension SandboxStore {
    func adminOrder(_ id: String) -> Reply {
        guard let o = orders[id] else { return JSON.notFound("Order \(id) not found.") }
        var w = wire(o, at: now(), included: ["BUYER", "RECIPIENT", "FULFILLMENT"])
        w["shipments"] = shipments.filter { ($0["orderId"] as? String) == id }
        return JSON.ok(w)
    }

    func adminPutOrder(_ body: [UInt8]) -> Reply {
        guard let j = JSON.decode(body) as? [String: Any] else { return JSON.invalid("Body must be a JSON object.") }
        let now = now()
        let id = (j["amazonOrderId"] as? String) ?? String(format: "900-%07ld-%07ld", orderIds.count, serial + 1)
        serial += 1
        var o = orders[id] ?? SandboxOrder(
            id: id, marketplace: "US", channel: "MFN", created: now, unshippedAt: now.addingTimeInterval(1800), items: [],
            buyerName: "Test Buyer", buyerEmail: "test.buyer@example.com", address: ["name": "Test Buyer", "city": "Sampletown", "countryCode": "US"])
        let isNew = orders[id] == nil
        if let m = j["marketplace"] as? String, let mp = Marketplace.byCode(m) { o.marketplace = mp.code; o.address["countryCode"] = mp.countryCode }
        if let c = j["fulfillmentChannel"] as? String { o.channel = c == "AFN" ? "AFN" : "MFN" }
        if let items = j["items"] as? [[String: Any]] {
            o.items = items.map { i in
                let sku = i["sku"] as? String ?? "SKU"
                let l = listings["\(o.marketplace)|\(sku)"]
                return .init(sku: sku, asin: l?.asin ?? "B000000000", title: l?.title ?? sku, quantity: JSON.integer(i["quantity"]) ?? 1,
                             price: (i["price"] as? Double) ?? Double(i["price"] as? Int ?? 10))
            }
        }
        if let b = j["buyer"] as? [String: Any] {
            if let n = b["name"] as? String { o.buyerName = n; o.address["name"] = n }
            if let e = b["email"] as? String { o.buyerEmail = e }
        }
        if let s = j["status"] as? String {
            o.forcedStatus = s.uppercased()
            o.forcedAt = now
        } else if !isNew {
            o.forcedAt = now
            o.forcedStatus = o.status(at: now)
        }
        orders[id] = o
        if isNew { orderIds.append(id) }
        return adminOrder(id)
    }

    func adminListing(_ mp: String, _ sku: String) -> Reply {
        guard let code = Marketplace.byCode(mp)?.code, let l = listings["\(code)|\(sku)"] else { return JSON.notFound("Listing \(mp)/\(sku) not found.") }
        var w = listingWire(l)
        w["quantity"] = l.quantity
        w["fulfillment"] = l.fulfillment
        w["marketplace"] = l.marketplace
        w["fbaFulfillable"] = l.fbaFulfillable
        w["variationAttributes"] = l.variationValues
        return JSON.ok(w)
    }

    func adminPutListing(_ body: [UInt8]) -> Reply {
        guard let j = JSON.decode(body) as? [String: Any], let sku = j["sku"] as? String,
              let code = Marketplace.byCode(j["marketplace"] as? String ?? "US")?.code
        else { return JSON.invalid("Body needs sku and marketplace.") }
        let key = "\(code)|\(sku)"
        let now = now()
        var l = listings[key] ?? Listing(
            sku: sku, marketplace: code, asin: "B0" + String(format: "%08ld", abs(sku.hashValueStable) % 100_000_000), title: sku,
            productType: "PRODUCT", fulfillment: "MFN", quantity: 0, price: 10, parentSku: nil, variationTheme: [], variationValues: [:],
            created: now, updated: now, fbaFulfillable: 0)
        if let q = JSON.integer(j["quantity"]) { l.quantity = q }
        if let f = j["fulfillment"] as? String { l.fulfillment = f == "FBA" ? "FBA" : "MFN" }
        if let t = j["title"] as? String { l.title = t }
        if let p = j["parentSku"] as? String { l.parentSku = p }
        if let v = j["variationAttributes"] as? [String: String] { l.variationValues = v; l.variationTheme = v.keys.sorted() }
        l.updated = now
        if listings[key] == nil { listingOrder.append(key) }
        listings[key] = l
        return adminListing(code, sku)
    }

    func adminFbaStock(_ body: [UInt8]) -> Reply {
        guard let j = JSON.decode(body) as? [String: Any], let sku = j["sku"] as? String, let n = JSON.integer(j["fulfillable"]),
              let code = Marketplace.byCode(j["marketplace"] as? String ?? "US")?.code
        else { return JSON.invalid("Body needs sku, marketplace and fulfillable.") }
        guard listings["\(code)|\(sku)"] != nil else { return JSON.notFound("Listing \(code)/\(sku) not found.") }
        listings["\(code)|\(sku)"]?.fbaFulfillable = n
        return adminListing(code, sku)
    }

    func adminShipments() -> Reply { JSON.ok(["shipments": shipments]) }
    func adminFulfillmentOrders() -> Reply { JSON.ok(["fulfillmentOrders": fulfillmentOrderIds.compactMap { fulfillmentOrders[$0] }]) }
    func adminFeeds() -> Reply { JSON.ok(["feeds": feedIds.compactMap { feeds[$0] }]) }
    /// How many of the seeded orders (the first `--orders` created) have each status now, for benchmarks that wait
    /// until a client holds every order it keeps.
    func adminOrderStatuses() -> Reply {
        arrive()
        let now = now()
        var seeded: [String: Int] = [:]
        for id in orderIds.prefix(config.orders) { if let o = orders[id] { seeded[o.status(at: now), default: 0] += 1 } }
        return JSON.ok(["seeded": seeded])
    }

    func clockJSON() -> Reply { JSON.ok(["now": JSON.time(now())]) }
}
