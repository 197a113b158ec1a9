import Foundation

/// One inbound plan the seller created in Seller Central, with its shipments (admin-made; Amazon's side of R29).
struct SandboxInboundPlan: Sendable {
    struct Shipment: Sendable {
        var id: String
        var status: String
        var items: [(sku: String, quantity: Int)]
        var updated: Date
        /// Whether the items were already added to the FBA stock (once, when the shipment first reaches CLOSED).
        var received: Bool
    }

    var id: String
    var marketplace: String
    var created: Date
    var updated: Date
    var shipments: [Shipment]

    /// The plan's status from its shipments: VOIDED when all were cancelled, SHIPPED once one left, else ACTIVE.
    var status: String {
        if !shipments.isEmpty, shipments.allSatisfy({ SandboxInboundPlan.voided.contains($0.status) }) { return "VOIDED" }
        if shipments.contains(where: { SandboxInboundPlan.shipped.contains($0.status) }) { return "SHIPPED" }
        return "ACTIVE"
    }

    static let statuses: Set<String> = [
        "ABANDONED", "CANCELLED", "CHECKED_IN", "CLOSED", "DELETED", "DELIVERED", "IN_TRANSIT", "MIXED", "READY_TO_SHIP",
        "RECEIVING", "SHIPPED", "UNCONFIRMED", "WORKING",
    ]
    static let shipped: Set<String> = ["SHIPPED", "IN_TRANSIT", "DELIVERED", "CHECKED_IN", "RECEIVING", "CLOSED"]
    static let voided: Set<String> = ["CANCELLED", "DELETED", "ABANDONED"]
}

/// Fulfillment Inbound 2024-03-20 (listInboundPlans, getInboundPlan, getShipment, listShipmentItems) and the admin
/// endpoint that creates plans and moves their shipments' status.
extension SandboxStore {
    private static var address: [String: Any] {
        [
        "name": "Sandbox Seller", "addressLine1": "1 Sandbox Way", "city": "Seattle", "countryCode": "US",
        "stateOrProvinceCode": "WA", "postalCode": "98101", "phoneNumber": "2065550100",
        ]
    }

    /// `POST /_sandbox/inbound` `{"inboundPlanId"?, "shipmentId"?, "marketplace"?, "status", "items"?: [{"sku","quantity"}]}`:
    /// creates the plan or shipment if new, else sets its status (and items when given). When a shipment first reaches
    /// CLOSED its quantities are added to the listings' FBA fulfillable stock, as Amazon's receiving would.
    func adminInbound(_ body: [UInt8]) -> Reply {
        guard let j = JSON.decode(body) as? [String: Any], let status = j["status"] as? String,
              SandboxInboundPlan.statuses.contains(status)
        else { return JSON.invalid("Body needs status, one of \(SandboxInboundPlan.statuses.sorted().joined(separator: ", ")).") }
        guard let code = Marketplace.byCode(j["marketplace"] as? String ?? "US")?.code else { return JSON.invalid("Unknown marketplace.") }
        var items: [(sku: String, quantity: Int)]?
        if let raw = j["items"] {
            guard let list = raw as? [[String: Any]], !list.isEmpty else { return JSON.invalid("items must be a non-empty array.") }
            items = []
            for i in list {
                guard let sku = i["sku"] as? String, let q = JSON.integer(i["quantity"]), q > 0 else {
                    return JSON.invalid("Each item needs sku and a positive quantity.")
                }
                guard listings["\(code)|\(sku)"] != nil else { return JSON.notFound("Listing \(code)/\(sku) not found.") }
                items?.append((sku, q))
            }
        }
        let now = now()
        serial += 1
        let planId = j["inboundPlanId"] as? String ?? String(format: "wf%08d-sand-box0-0000-%012d", serial, serial)
        let shipmentId = j["shipmentId"] as? String ?? String(format: "sh%08d-sand-box0-0000-%012d", serial, serial)
        var plan = inboundPlans[planId] ?? SandboxInboundPlan(id: planId, marketplace: code, created: now, updated: now, shipments: [])
        if let index = plan.shipments.firstIndex(where: { $0.id == shipmentId }) {
            plan.shipments[index].status = status
            plan.shipments[index].updated = now
            if let items { plan.shipments[index].items = items }
        } else {
            guard let items else { return JSON.invalid("A new shipment needs items.") }
            plan.shipments.append(.init(id: shipmentId, status: status, items: items, updated: now, received: false))
            inboundPlanOrder.append(planId)
        }
        plan.updated = now
        if let index = plan.shipments.firstIndex(where: { $0.id == shipmentId }), status == "CLOSED", !plan.shipments[index].received {
            plan.shipments[index].received = true
            for item in plan.shipments[index].items {
                let key = "\(plan.marketplace)|\(item.sku)"
                let stock = (listings[key]?.fbaFulfillable ?? 0) + item.quantity
                listings[key]?.fbaFulfillable = stock
            }
        }
        inboundPlans[planId] = plan
        return JSON.ok(["inboundPlanId": planId, "shipmentId": shipmentId, "planStatus": plan.status, "status": status])
    }

    private func planSummary(_ p: SandboxInboundPlan) -> [String: Any] {
        ["inboundPlanId": p.id, "name": "FBA (\(JSON.time(p.created)))", "createdAt": JSON.time(p.created),
         "lastUpdatedAt": JSON.time(p.updated), "status": p.status,
         "marketplaceIds": [Marketplace.byCode(p.marketplace)!.id], "sourceAddress": Self.address]
    }

    func listInboundPlans(_ q: Query) -> Reply {
        let size = q.first("pageSize").map { Int($0) } ?? 10
        guard let size, (1...30).contains(size) else { return JSON.invalid("pageSize must be between 1 and 30.") }
        if let s = q.first("status"), !["ACTIVE", "VOIDED", "SHIPPED"].contains(s) { return JSON.invalid("Invalid status: \(s).") }
        if let s = q.first("sortBy"), !["LAST_UPDATED_TIME", "CREATION_TIME"].contains(s) { return JSON.invalid("Invalid sortBy: \(s).") }
        if let s = q.first("sortOrder"), !["ASC", "DESC"].contains(s) { return JSON.invalid("Invalid sortOrder: \(s).") }
        var plans = inboundPlanOrder.uniqued().compactMap { inboundPlans[$0] }
        if let s = q.first("status") { plans = plans.filter { $0.status == s } }
        let byCreation = q.first("sortBy") == "CREATION_TIME"
        plans.sort { a, b in
            let (x, y) = byCreation ? (a.created, b.created) : (a.updated, b.updated)
            return x == y ? a.id < b.id : x < y
        }
        if q.first("sortOrder") != "ASC" { plans.reverse() }
        let start = q.first("paginationToken").flatMap { Int($0.dropFirst(4)) } ?? 0
        var body: [String: Any] = ["inboundPlans": plans.dropFirst(start).prefix(size).map(planSummary)]
        if start + size < plans.count { body["pagination"] = ["nextToken": "ibp-\(start + size)"] }
        return JSON.ok(body)
    }

    func getInboundPlan(_ id: String) -> Reply {
        guard let p = inboundPlans[id] else { return JSON.notFound("Inbound plan \(id) not found.") }
        var body = planSummary(p)
        body["packingOptions"] = [] as [Any]
        body["placementOptions"] = [] as [Any]
        body["shipments"] = p.shipments.map { ["shipmentId": $0.id, "status": $0.status] }
        return JSON.ok(body)
    }

    func getShipment(_ planId: String, _ shipmentId: String) -> Reply {
        guard let p = inboundPlans[planId], let s = p.shipments.first(where: { $0.id == shipmentId }) else {
            return JSON.notFound("Shipment \(shipmentId) of inbound plan \(planId) not found.")
        }
        return JSON.ok([
            "shipmentId": s.id, "placementOptionId": "pl" + String(s.id.dropFirst(2)), "name": "FBA (\(JSON.time(p.created)))-SBX1",
            "shipmentConfirmationId": "FBA" + String(s.id.filter(\.isNumber).suffix(7)), "status": s.status,
            "source": ["sourceType": "SELLER_FACILITY", "address": Self.address],
            "destination": ["destinationType": "AMAZON_WAREHOUSE", "warehouseId": "SBX1"],
        ])
    }

    func listShipmentItems(_ planId: String, _ shipmentId: String, _ q: Query) -> Reply {
        guard let p = inboundPlans[planId], let s = p.shipments.first(where: { $0.id == shipmentId }) else {
            return JSON.notFound("Shipment \(shipmentId) of inbound plan \(planId) not found.")
        }
        let size = q.first("pageSize").map { Int($0) } ?? 10
        guard let size, (1...1000).contains(size) else { return JSON.invalid("pageSize must be between 1 and 1000.") }
        let start = q.first("paginationToken").flatMap { Int($0.dropFirst(4)) } ?? 0
        let page = s.items.dropFirst(start).prefix(size).map { item -> [String: Any] in
            let asin = listings["\(p.marketplace)|\(item.sku)"]?.asin ?? "B000000000"
            return ["msku": item.sku, "asin": asin, "fnsku": "X00" + String(asin.suffix(7)), "labelOwner": "SELLER",
                    "quantity": item.quantity, "prepInstructions": [] as [Any]]
        }
        var body: [String: Any] = ["items": Array(page)]
        if start + size < s.items.count { body["pagination"] = ["nextToken": "ibi-\(start + size)"] }
        return JSON.ok(body)
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
