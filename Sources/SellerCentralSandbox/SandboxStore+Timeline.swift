import Foundation

/// The operator's view of a sync as it happens on the sandbox's side: which orders exist now and with what status, when
/// each operation was called and how each report went, all in simulated time (Unix seconds, fractional).
extension SandboxStore {
    /// `GET /_sandbox/order-snapshot`: every order the sandbox holds now (seeded and arrived), with its status, creation
    /// and last update at the current simulated time, so a benchmark can fix the set of orders that existed at an instant.
    /// `?at=` (simulated Unix seconds, not later than now) gives the orders created by then with their status then, as a
    /// search frozen at that instant saw them (a status forced by the admin API counts from when it was forced).
    func adminOrderSnapshot(at instant: Date? = nil) -> Reply {
        arrive()
        let now = min(instant ?? now(), now())
        let rows: [[String: Any]] = orderIds.compactMap { id in
            guard let o = orders[id], o.created <= now else { return nil }
            return ["id": id, "marketplace": o.marketplace, "status": o.status(at: now), "created": o.created.timeIntervalSince1970,
                    "lastUpdated": o.lastUpdated(at: now).timeIntervalSince1970]
        }
        return JSON.ok(["now": now.timeIntervalSince1970, "seeded": config.orders, "orders": rows])
    }

    /// `GET /_sandbox/calls`: per SP-API operation, how many requests were admitted and when the first and last came,
    /// with the times of the first calls (see `OperationCallTimes.keptTimes`). `DELETE /_sandbox/counts` clears it too.
    func adminCalls() -> Reply {
        var ops: [String: Any] = [:]
        for (op, calls) in callTimes.operations {
            ops[op] = ["requests": calls.count, "first": calls.first.timeIntervalSince1970, "last": calls.last.timeIntervalSince1970,
                       "times": calls.times.map(\.timeIntervalSince1970)]
        }
        return JSON.ok(["now": now().timeIntervalSince1970, "operations": ops])
    }

    /// `GET /_sandbox/call-log`: the first requests (see `OperationCallLog.keptEntries`) in the order they came, each with
    /// its operation, simulated time, path, raw query and outcome (admitted, throttled, faulted or unauthorized). `DELETE
    /// /_sandbox/counts` clears it too.
    func adminCallLog() -> Reply {
        let rows: [[String: Any]] = callLog.entries.map {
            ["operation": $0.operation, "time": $0.time.timeIntervalSince1970, "path": $0.path, "query": $0.query, "outcome": $0.outcome]
        }
        return JSON.ok(["now": now().timeIntervalSince1970, "calls": rows])
    }

    /// `GET /_sandbox/reports`: every report kept, oldest first, with its status as of now and when it was created,
    /// started processing and ended (DONE, FATAL or CANCELLED) on the simulated clock.
    func adminReports() -> Reply {
        processDueReports()
        let rows: [[String: Any]] = reportIds.compactMap { id in
            guard let r = reports[id], let created = r["_created"] as? Double else { return nil }
            let queue = r["_queue"] as? Double ?? Self.queueSeconds
            let done = r["_done"] as? Double ?? Self.processSeconds
            let status = r["processingStatus"] as? String ?? ""
            var row: [String: Any] = ["reportId": id, "reportType": r["reportType"] ?? "", "processingStatus": status, "created": created]
            if status != "IN_QUEUE", status != "CANCELLED" { row["processingStart"] = created + queue }
            switch status {
            case "DONE", "FATAL": row["processingEnd"] = created + done
            case "CANCELLED": row["processingEnd"] = created + queue
            default: break
            }
            for key in ["dataStartTime", "dataEndTime", "reportDocumentId"] { if let v = r[key] { row[key] = v } }
            return row
        }
        return JSON.ok(["now": now().timeIntervalSince1970, "reports": rows])
    }
}
