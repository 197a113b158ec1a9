import Foundation

/// The whole in-memory Seller Central: data, simulated clock, tokens, quotas, faults and counts, behind one actor.
actor SandboxStore {
    let config: SandboxConfiguration
    private var rng: SplitMix64
    private let realStart: Date
    private let simStart: Date
    private var advanced: TimeInterval = 0

    private var tokens: [String: Double] = [:]  // access token → real expiry
    private var tokenSerial = 0
    private var counts: [String: (requests: Int, throttled: Int, faulted: Int, unauthorized: Int)] = [:]
    private var faults: [Fault] = []
    private var buckets: [String: TokenBucket] = [:]
    /// Simulated times of every admitted request per operation (throttled and faulted ones too), for `/_sandbox/calls`.
    var callTimes = OperationCallTimes()
    var callLog = OperationCallLog()

    var listings: [String: Listing] = [:]  // "MP|sku"
    var listingOrder: [String] = []
    var orders: [String: SandboxOrder] = [:]
    var orderIds: [String] = []  // by creation time
    private var nextArrival: Date
    private var orderSerial: Int
    var shipments: [[String: Any]] = []
    var fulfillmentOrders: [String: [String: Any]] = [:]
    var fulfillmentOrderIds: [String] = []
    var feeds: [String: [String: Any]] = [:]
    var feedIds: [String] = []
    var documents: [String: [UInt8]] = [:]
    var documentTypes: [String: String] = [:]
    var reports: [String: [String: Any]] = [:]
    var reportIds: [String] = []
    var inboundPlans: [String: SandboxInboundPlan] = [:]  // inbound (R29)
    var inboundPlanOrder: [String] = []
    var serial = 0
    /// Orders kept at most (the oldest are forgotten): room for the seeded world and at least 10,000 arrivals.
    let maxOrders: Int

    init(config: SandboxConfiguration) {
        self.config = config
        maxOrders = max(50_000, config.orders + 10_000)
        var rng = SplitMix64(seed: config.seed)
        let now = Date()
        realStart = now
        let simStart = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60)
        self.simStart = simStart
        let seeded = SeededWorld.listings(config: config, rng: &rng, now: simStart)
        var listings: [String: Listing] = [:]
        var listingOrder: [String] = []
        for l in seeded {
            let key = "\(l.marketplace)|\(l.sku)"
            listings[key] = l
            listingOrder.append(key)
        }
        let span = Double(config.days) * 86400
        var created: [Date] = (0..<config.orders).map { _ in simStart.addingTimeInterval(-span * rng.unit()) }
        created.sort()
        var orders: [String: SandboxOrder] = [:]
        var orderIds: [String] = []
        for (i, c) in created.enumerated() where !seeded.isEmpty {
            let o = SeededWorld.order(number: i + 1, created: c, listings: seeded, rng: &rng)
            orders[o.id] = o
            orderIds.append(o.id)
        }
        let meanGap = config.orders > 0 ? span / Double(config.orders) : 3600
        self.nextArrival = simStart.addingTimeInterval(meanGap * (0.5 + rng.unit()))
        self.orderSerial = orderIds.count
        self.listings = listings
        self.listingOrder = listingOrder
        self.orders = orders
        self.orderIds = orderIds
        self.rng = rng
    }

    // MARK: Clock

    func now() -> Date {
        let real = Date().timeIntervalSince(realStart)
        return simStart.addingTimeInterval(real * config.clockScale + advanced)
    }

    func advance(seconds: Double) { advanced += seconds; arrive() }

    /// New orders arrive on the simulated clock at the seeded average pace.
    func arrive() {
        let now = now()
        let listingValues = listingOrder.compactMap { listings[$0] }
        guard !listingValues.isEmpty else { return }
        let span = Double(config.days) * 86400
        let meanGap = config.orders > 0 ? span / Double(config.orders) : 3600
        var guardCount = 0
        while nextArrival <= now && guardCount < 10_000 {
            guardCount += 1
            orderSerial += 1
            let o = SeededWorld.order(number: orderSerial, created: nextArrival, listings: listingValues, rng: &rng)
            orders[o.id] = o
            orderIds.append(o.id)
            nextArrival = nextArrival.addingTimeInterval(meanGap * (0.5 + rng.unit()))
        }
        if orderIds.count > maxOrders {
            // Bounded memory: forget the oldest orders.
            let drop = orderIds.count - maxOrders
            for id in orderIds.prefix(drop) { orders[id] = nil }
            orderIds.removeFirst(drop)
        }
    }

    // MARK: Tokens

    func grant(clientId: String?, clientSecret: String?, refreshToken: String?, grantType: String?) -> Reply {
        func lwa(_ status: Int, _ error: String, _ description: String) -> Reply {
            Reply(status: status, body: JSON.encode(["error": error, "error_description": description]))
        }
        guard grantType == "refresh_token" else { return lwa(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server") }
        guard let clientId, let clientSecret, clientId == config.clientId, clientSecret == config.clientSecret else {
            return lwa(401, "invalid_client", "Client authentication failed")
        }
        guard let refreshToken, refreshToken == config.refreshToken else {
            return lwa(400, "invalid_grant", "The request has an invalid grant parameter : refresh_token")
        }
        tokenSerial += 1
        let token = "Atza|sandbox-\(config.seed)-\(tokenSerial)-\(UInt32.random(in: 0...UInt32.max))"
        tokens[token] = Date().timeIntervalSince1970 + Double(config.tokenLifetime)
        if tokens.count > 10_000 {
            let nowReal = Date().timeIntervalSince1970
            tokens = tokens.filter { $0.value > nowReal }
        }
        return Reply(status: 200, body: JSON.encode([
            "access_token": token, "refresh_token": refreshToken, "token_type": "bearer", "expires_in": config.tokenLifetime,
        ]))
    }

    func expireTokens() { for k in tokens.keys { tokens[k] = 0 } }

    /// nil when the token is good, else the 403 Amazon sends.
    /// Checks the access token of a request to `op`; a refused request still counts, as `unauthorized`.
    func checkToken(_ token: String?, op: String, path: String = "", query: String = "") -> Reply? {
        let refusal = tokenRefusal(token)
        if refusal != nil {
            counts[op, default: (0, 0, 0, 0)].requests += 1
            counts[op]!.unauthorized += 1
            callLog.record(.init(operation: op, time: now(), path: path, query: query, outcome: "unauthorized"))
        }
        return refusal
    }

    private func tokenRefusal(_ token: String?) -> Reply? {
        guard let token, !token.isEmpty else {
            return Reply(status: 403, body: JSON.errors("Unauthorized", "Access to requested resource is denied.", "The access token you provided is missing."))
        }
        guard let expiry = tokens[token] else {
            return Reply(status: 403, body: JSON.errors("Unauthorized", "Access to requested resource is denied.", "The access token you provided is invalid."))
        }
        if expiry <= Date().timeIntervalSince1970 {
            return Reply(status: 403, body: JSON.errors("Unauthorized", "Access to requested resource is denied.", "The access token you provided has expired."))
        }
        return nil
    }

    // MARK: Quotas, faults, counts

    func rateLimitHeader(_ op: String) -> String {
        let q = OperationQuota.table[op] ?? (1, 1)
        return String(q.rate * config.rateScale)
    }

    /// Counts the request, applies a pending fault or the bucket; returns a reply that ends the request early, or the fault to apply after.
    /// `path` and `query` go to the call log only.
    func admit(_ op: String, path: String = "", query: String = "") -> (early: Reply?, fault: Fault?) {
        let decision = admitted(op)
        let outcome = decision.early == nil ? (decision.fault == nil ? "admitted" : "faulted")
            : (decision.early?.status == 429 ? "throttled" : "faulted")
        callLog.record(.init(operation: op, time: now(), path: path, query: query, outcome: outcome))
        return decision
    }

    private func admitted(_ op: String) -> (early: Reply?, fault: Fault?) {
        counts[op, default: (0, 0, 0, 0)].requests += 1
        callTimes.record(op, at: now())
        if let i = faults.firstIndex(where: { ($0.operation == op || $0.operation == "*") && $0.remaining > 0 && !$0.kind.isReportOutcome }) {
            faults[i].remaining -= 1
            let f = faults[i]
            if faults[i].remaining == 0 { faults.remove(at: i) }
            if f.kind == .throttle {
                counts[op]!.throttled += 1
                return (throttled(op), nil)
            }
            counts[op]!.faulted += 1
            if f.kind == .status {
                let code = f.status
                let name = code == 503 ? "ServiceUnavailable" : (code >= 500 ? "InternalFailure" : "InvalidInput")
                var r = Reply(status: code, body: JSON.errors(name, "Injected fault", "The sandbox was asked to fail this request."))
                r.headers.append(("x-amzn-RateLimit-Limit", rateLimitHeader(op)))
                return (r, nil)
            }
            return (nil, f)
        }
        let q = OperationQuota.table[op] ?? (1, 1)
        let nowReal = Date().timeIntervalSince1970
        var bucket = buckets[op] ?? TokenBucket(rate: q.rate * config.rateScale, burst: q.burst, now: nowReal)
        let ok = bucket.take(now: nowReal)
        buckets[op] = bucket
        if !ok {
            counts[op]!.throttled += 1
            return (throttled(op), nil)
        }
        return (nil, nil)
    }

    private func throttled(_ op: String) -> Reply {
        Reply(status: 429, body: JSON.errors("QuotaExceeded", "You exceeded your quota for the requested resource.", ""),
              headers: [("x-amzn-RateLimit-Limit", rateLimitHeader(op))])
    }

    /// Takes one pending `fatal`/`cancelled` fault that applies to a new report of `reportType` and counts it as a fault
    /// of createReport; answers the status the report will end in, or nil when it ends normally.
    func takeReportOutcome(reportType: String) -> String? {
        guard let i = faults.firstIndex(where: {
            $0.kind.isReportOutcome && ($0.operation == "createReport" || $0.operation == "*") && $0.remaining > 0
                && ($0.reportType == nil || $0.reportType == reportType)
        }) else { return nil }
        faults[i].remaining -= 1
        let kind = faults[i].kind
        if faults[i].remaining == 0 { faults.remove(at: i) }
        counts["createReport", default: (0, 0, 0, 0)].faulted += 1
        return kind == .fatal ? "FATAL" : "CANCELLED"
    }

    func addFault(_ f: Fault) { faults.append(f) }
    func clearFaults() { faults.removeAll() }
    func resetCounts() { counts.removeAll(); callTimes.reset(); callLog.reset() }
    func countsJSON() -> [UInt8] {
        var ops: [String: Any] = [:]
        for (k, v) in counts { ops[k] = ["requests": v.requests, "throttled": v.throttled, "faulted": v.faulted, "unauthorized": v.unauthorized] }
        return JSON.encode(["operations": ops])
    }

    func nextId(_ prefix: String) -> String { serial += 1; return "\(prefix)\(50_000 + serial)" }
}
