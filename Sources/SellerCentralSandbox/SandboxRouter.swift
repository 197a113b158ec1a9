import Foundation
import Hummingbird
import NIOCore

/// HTTPTypes' field name, reached through the type Hummingbird re-exports.
typealias FieldName = HTTPFields.Element.Name

/// Maps each request to its SP-API operation, applies token, quota and faults, and shapes the bytes on the wire.
struct SandboxRouter: Sendable {
    let store: SandboxStore
    static let tokenHeader = FieldName("x-amz-access-token")!

    func respond(_ request: Request, _ context: SandboxContext) async throws -> Response {
        let path = request.uri.path
        let query = Query(request.uri.query ?? "")
        let method = request.method.rawValue
        var req = request
        let buffer = try await req.collectBody(upTo: 50_000_000)
        let body = Array(buffer.readableBytesView)
        let segments = path.split(separator: "/").map(String.init)

        if path == "/auth/o2/token", method == "POST" {
            return try await render(await lwa(request, body), op: nil, fault: nil, context)
        }
        if segments.first == "_sandbox" {
            return try await render(await admin(method, segments, body, query), op: nil, fault: nil, context)
        }
        if segments.first == "_documents" {
            return try await render(await documents(method, segments, body, contentType: request.headers[.contentType]), op: nil, fault: nil, context)
        }
        let host = request.head.authority ?? "127.0.0.1"
        guard let (op, handler) = operation(method, segments, query, body, host: host) else {
            return try await render(Reply(status: 404, body: JSON.errors("NotFound", "Resource not found: \(method) \(path)")), op: nil, fault: nil, context)
        }
        if let denied = await store.checkToken(request.headers[Self.tokenHeader], op: op, path: path, query: request.uri.query ?? "") {
            return try await render(denied, op: nil, fault: nil, context)
        }
        let (early, fault) = await store.admit(op, path: path, query: request.uri.query ?? "")
        if let early { return try await render(early, op: op, fault: nil, context) }
        var reply = await handler()
        reply.headers.append(("x-amzn-RateLimit-Limit", await store.rateLimitHeader(op)))
        if let fault {
            reply = await shape(reply, fault)
        }
        return try await render(reply, op: op, fault: fault, context)
    }

    private func shape(_ reply: Reply, _ fault: Fault) async -> Reply {
        var r = reply
        switch fault.kind {
        case .delay:
            try? await Task.sleep(for: .milliseconds(fault.delayMs))
        case .reset: r.wire = .reset
        case .truncate: r.wire = .truncate
        case .malformed:
            r.status = 200
            r.body = Array("{\"orders\": [{\"orderId\": \"123-".utf8)
        case .wrongTypes:
            if let j = JSON.decode(r.body) { r.body = JSON.encode(Self.retype(j)) }
        case .unknownEnum:
            var text = String(decoding: r.body, as: UTF8.self)
            for v in ["\"PENDING\"", "\"UNSHIPPED\"", "\"SHIPPED\"", "\"CANCELLED\"", "\"ACCEPTED\"", "\"DONE\"", "\"IN_QUEUE\"", "\"IN_PROGRESS\"", "\"BUYABLE\"", "\"COMPLETE\"", "\"AMAZON\"", "\"MERCHANT\""] {
                text = text.replacingOccurrences(of: v, with: "\"SANDBOX_UNKNOWN_VALUE\"")
            }
            r.body = Array(text.utf8)
        case .status, .throttle, .fatal, .cancelled: break
        }
        return r
    }

    /// Turns numbers into strings and strings into numbers, as a misbehaving server would.
    static func retype(_ value: Any) -> Any {
        switch value {
        case let d as [String: Any]: return d.mapValues(retype)
        case let a as [Any]: return a.map(retype)
        case let s as String: return s.count % 2 == 0 ? 12345 : ["unexpected": s]
        case let n as NSNumber: return n.stringValue
        default: return value
        }
    }

    private func render(_ reply: Reply, op: String?, fault: Fault?, _ context: SandboxContext) async throws -> Response {
        if case .reset = reply.wire {
            // Close before any byte of the response is written: the client sees the connection end
            // with no reply (curl: "Empty reply from server"). The thrown error stops Hummingbird from answering.
            try? await context.channel.close()
            throw CancellationError()
        }
        var headers = HTTPFields()
        headers[.contentType] = reply.contentType
        headers[FieldName("x-amzn-RequestId")!] = UUID().uuidString.lowercased()
        for (k, v) in reply.headers { headers[FieldName(k)!] = v }
        let status = HTTPResponse.Status(code: reply.status)
        switch reply.wire {
        case .truncate:
            // Promise more bytes than are sent, then close the connection.
            headers[.contentLength] = String(reply.body.count + 512)
            let channel = context.channel
            let half = Array(reply.body.prefix(max(1, reply.body.count / 2)))
            return Response(status: status, headers: headers, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(bytes: half))
                try await Task.sleep(for: .milliseconds(20))
                try await channel.close()
                throw CancellationError()
            })
        default:
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
        }
    }

    private func lwa(_ request: Request, _ body: [UInt8]) async -> Reply {
        var fields: [String: String] = [:]
        let type = request.headers[.contentType] ?? ""
        if type.contains("json") {
            if let j = JSON.decode(body) as? [String: Any] { for (k, v) in j { if let s = v as? String { fields[k] = s } } }
        } else {
            for (k, v) in Query(String(decoding: body, as: UTF8.self)).pairs { fields[k] = v }
        }
        return await store.grant(clientId: fields["client_id"], clientSecret: fields["client_secret"], refreshToken: fields["refresh_token"], grantType: fields["grant_type"])
    }

    private func admin(_ method: String, _ s: [String], _ body: [UInt8], _ query: Query) async -> Reply {
        let rest = Array(s.dropFirst())
        switch (method, rest.first ?? "", rest.count) {
        case ("GET", "counts", 1): return Reply(status: 200, body: await store.countsJSON())
        case ("DELETE", "counts", 1): await store.resetCounts(); return JSON.ok(["ok": true])
        case ("POST", "faults", 1):
            guard let j = JSON.decode(body) as? [String: Any], let op = j["operation"] as? String,
                  let kind = (j["kind"] as? String).flatMap(Fault.Kind.init(rawValue:))
            else { return JSON.invalid("Body needs operation and a known kind.") }
            await store.addFault(Fault(operation: op, kind: kind, status: j["status"] as? Int ?? 500, delayMs: j["delayMs"] as? Int ?? 0,
                                       remaining: j["count"] as? Int ?? 1, reportType: j["reportType"] as? String))
            return JSON.ok(["ok": true])
        case ("DELETE", "faults", 1): await store.clearFaults(); return JSON.ok(["ok": true])
        case ("POST", "tokens", 2) where rest[1] == "expire": await store.expireTokens(); return JSON.ok(["ok": true])
        case ("GET", "clock", 1): return await store.clockJSON()
        case ("POST", "clock", 2) where rest[1] == "advance":
            guard let j = JSON.decode(body) as? [String: Any], let n = (j["seconds"] as? NSNumber)?.doubleValue else { return JSON.invalid("Body needs seconds.") }
            await store.advance(seconds: n)
            return await store.clockJSON()
        case ("POST", "orders", 1): return await store.adminPutOrder(body)
        case ("GET", "orders", 2): return await store.adminOrder(rest[1])
        case ("GET", "order-statuses", 1): return await store.adminOrderStatuses()
        case ("POST", "listings", 1): return await store.adminPutListing(body)
        case ("GET", "listings", 3): return await store.adminListing(rest[1], rest[2])
        case ("POST", "fba-stock", 1): return await store.adminFbaStock(body)
        case ("GET", "shipments", 1): return await store.adminShipments()
        case ("GET", "fulfillment-orders", 1): return await store.adminFulfillmentOrders()
        case ("GET", "feeds", 1): return await store.adminFeeds()
        case ("POST", "inbound", 1): return await store.adminInbound(body)
        case ("GET", "calls", 1): return await store.adminCalls()
        case ("GET", "call-log", 1): return await store.adminCallLog()
        case ("GET", "reports", 1): return await store.adminReports()
        case ("GET", "order-snapshot", 1):
            return await store.adminOrderSnapshot(at: query.first("at").flatMap(Double.init).map { Date(timeIntervalSince1970: $0) })
        default: return JSON.notFound("Unknown admin endpoint.")
        }
    }

    private func documents(_ method: String, _ s: [String], _ body: [UInt8], contentType: String?) async -> Reply {
        guard s.count == 2 else { return JSON.notFound("Unknown document.") }
        switch method {
        case "PUT": return await store.upload(s[1], body, contentType: contentType)
        case "GET": return await store.download(s[1])
        default: return Reply(status: 405, body: JSON.errors("MethodNotAllowed", "Use PUT or GET."))
        }
    }

    private func operation(_ method: String, _ s: [String], _ q: Query, _ body: [UInt8], host: String) -> (String, @Sendable () async -> Reply)? {
        let store = self.store
        switch (method, s.count) {
        case ("GET", 3) where s == ["sellers", "v1", "marketplaceParticipations"]:
            return ("getMarketplaceParticipations", { await store.marketplaceParticipations() })
        case ("GET", 3) where s[0] == "orders" && s[1] == "2026-01-01" && s[2] == "orders":
            return ("searchOrders", { await store.searchOrders(q) })
        case ("GET", 4) where s[0] == "orders" && s[1] == "2026-01-01" && s[2] == "orders":
            return ("getOrder", { await store.getOrder(s[3], q) })
        case ("POST", 5) where s[0] == "orders" && s[1] == "v0" && s[2] == "orders" && s[4] == "shipmentConfirmation":
            return ("confirmShipment", { await store.confirmShipment(s[3], body) })
        case ("GET", 5) where s[0] == "listings" && s[1] == "2021-08-01" && s[2] == "items":
            return ("getListingsItem", { await store.getListingsItem(seller: s[3], sku: s[4], q) })
        case ("PATCH", 5) where s[0] == "listings" && s[1] == "2021-08-01" && s[2] == "items":
            return ("patchListingsItem", { await store.patchListingsItem(seller: s[3], sku: s[4], q, body) })
        case ("GET", 4) where s[0] == "listings" && s[1] == "2021-08-01" && s[2] == "items":
            return ("searchListingsItems", { await store.searchListingsItems(seller: s[3], q) })
        case ("POST", 3) where s == ["feeds", "2021-06-30", "documents"]:
            return ("createFeedDocument", { await store.createFeedDocument(body, host: host) })
        case ("POST", 3) where s == ["feeds", "2021-06-30", "feeds"]:
            return ("createFeed", { await store.createFeed(body) })
        case ("GET", 4) where s[0] == "feeds" && s[1] == "2021-06-30" && s[2] == "feeds":
            return ("getFeed", { await store.getFeed(s[3]) })
        case ("GET", 4) where s[0] == "feeds" && s[1] == "2021-06-30" && s[2] == "documents":
            return ("getFeedDocument", { await store.getFeedDocument(s[3], host: host) })
        case ("GET", 4) where s == ["fba", "inventory", "v1", "summaries"]:
            return ("getInventorySummaries", { await store.getInventorySummaries(q) })
        case ("POST", 4) where s == ["fba", "outbound", "2020-07-01", "fulfillmentOrders"]:
            return ("createFulfillmentOrder", { await store.createFulfillmentOrder(body) })
        case ("GET", 4) where s == ["fba", "outbound", "2020-07-01", "fulfillmentOrders"]:
            return ("listAllFulfillmentOrders", { await store.listAllFulfillmentOrders(q) })
        case ("GET", 5) where s[0] == "fba" && s[1] == "outbound" && s[2] == "2020-07-01" && s[3] == "fulfillmentOrders":
            return ("getFulfillmentOrder", { await store.getFulfillmentOrder(s[4]) })
        case ("GET", 4) where s[0] == "catalog" && s[1] == "2022-04-01" && s[2] == "items":
            return ("getCatalogItem", { await store.getCatalogItem(s[3], q) })
        case ("POST", 3) where s == ["reports", "2021-06-30", "reports"]:
            return ("createReport", { await store.createReport(body) })
        case ("GET", 4) where s[0] == "reports" && s[1] == "2021-06-30" && s[2] == "reports":
            return ("getReport", { await store.getReport(s[3]) })
        case ("GET", 4) where s[0] == "reports" && s[1] == "2021-06-30" && s[2] == "documents":
            return ("getReportDocument", { await store.getReportDocument(s[3], host: host) })
        // Fulfillment Inbound 2024-03-20 (R29)
        case ("GET", 4) where s == ["inbound", "fba", "2024-03-20", "inboundPlans"]:
            return ("listInboundPlans", { await store.listInboundPlans(q) })
        case ("GET", 5) where s[0] == "inbound" && s[1] == "fba" && s[2] == "2024-03-20" && s[3] == "inboundPlans":
            return ("getInboundPlan", { await store.getInboundPlan(s[4]) })
        case ("GET", 7) where s[0] == "inbound" && s[1] == "fba" && s[2] == "2024-03-20" && s[3] == "inboundPlans" && s[5] == "shipments":
            return ("getShipment", { await store.getShipment(s[4], s[6]) })
        case ("GET", 8) where s[0] == "inbound" && s[1] == "fba" && s[2] == "2024-03-20" && s[3] == "inboundPlans" && s[5] == "shipments" && s[7] == "items":
            return ("listShipmentItems", { await store.listShipmentItems(s[4], s[6], q) })
        default:
            return nil
        }
    }
}
