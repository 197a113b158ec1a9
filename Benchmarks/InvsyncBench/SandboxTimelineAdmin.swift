import CurlTransport
import Foundation
import SellingPartner

/// The sandbox's timeline endpoints as the backfill benchmark reads them: order snapshot, call times and reports, all
/// in simulated Unix seconds.
struct SandboxTimelineAdmin {
    let base: URL

    struct Snapshot {
        var now: Double
        /// Order id → status at `now`.
        var statuses: [String: String]
        /// Order id → creation time.
        var created: [String: Double] = [:]

        /// Orders created in `after … before` (both included, as searchOrders applies them), optionally only those in
        /// one of `statuses` at the snapshot's instant.
        func createdCount(after: Double, before: Double, statuses: Set<String>? = nil) -> Int {
            created.filter { id, time in
                time >= after && time <= before && (statuses.map { $0.contains(self.statuses[id] ?? "") } ?? true)
            }.count
        }
    }

    /// One SP-API request as the sandbox logged it.
    struct LoggedCall {
        var operation: String
        var time: Double
        var path: String
        var query: String
        var outcome: String

        /// One query parameter, percent-decoded.
        func parameter(_ name: String) -> String? {
            for part in query.split(separator: "&") {
                let kv = part.split(separator: "=", maxSplits: 1)
                if kv.count == 2, kv[0] == name { return String(kv[1]).removingPercentEncoding ?? String(kv[1]) }
            }
            return nil
        }
    }

    struct Calls {
        var requests: Int
        var times: [Double]
    }

    struct Report {
        var id: String
        var type: String
        var status: String
        var created: Double
        var processingEnd: Double?
    }

    private func get(_ path: String, query: String? = nil) async throws -> [String: Any] {
        var components = URLComponents(url: base.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        components?.percentEncodedQuery = query
        guard let url = components?.url else { throw BenchmarkFailure("no URL for \(path)") }
        let response = try await CurlTransport().send(HTTPRequest(method: "GET", url: url))
        guard response.status == 200, let json = try JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
            throw BenchmarkFailure("GET \(path) answered \(response.status)")
        }
        return json
    }

    /// The sandbox's simulated now.
    func now() async throws -> Double { try await calls().now }

    /// Every order the sandbox holds now, with its status; with `at` (simulated seconds), those created by then with
    /// their status then.
    func snapshot(at instant: Double? = nil) async throws -> Snapshot {
        let json = try await get("_sandbox/order-snapshot", query: instant.map { String(format: "at=%.3f", $0) })
        var statuses: [String: String] = [:]
        var created: [String: Double] = [:]
        for row in json["orders"] as? [[String: Any]] ?? [] {
            guard let id = row["id"] as? String else { continue }
            if let status = row["status"] as? String { statuses[id] = status }
            if let time = (row["created"] as? NSNumber)?.doubleValue { created[id] = time }
        }
        return Snapshot(now: (json["now"] as? NSNumber)?.doubleValue ?? 0, statuses: statuses, created: created)
    }

    /// The sandbox's log of the first SP-API requests, in the order they came.
    func callLog() async throws -> [LoggedCall] {
        let json = try await get("_sandbox/call-log")
        return (json["calls"] as? [[String: Any]] ?? []).map { row in
            LoggedCall(operation: row["operation"] as? String ?? "", time: (row["time"] as? NSNumber)?.doubleValue ?? 0,
                       path: row["path"] as? String ?? "", query: row["query"] as? String ?? "", outcome: row["outcome"] as? String ?? "")
        }
    }

    /// Per operation: requests admitted and the times of the first ones.
    func calls() async throws -> (now: Double, operations: [String: Calls]) {
        let json = try await get("_sandbox/calls")
        var operations: [String: Calls] = [:]
        for (op, value) in json["operations"] as? [String: [String: Any]] ?? [:] {
            operations[op] = Calls(requests: (value["requests"] as? NSNumber)?.intValue ?? 0,
                                   times: (value["times"] as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.doubleValue })
        }
        return ((json["now"] as? NSNumber)?.doubleValue ?? 0, operations)
    }

    /// Every report the sandbox keeps, oldest first.
    func reports() async throws -> [Report] {
        let json = try await get("_sandbox/reports")
        return (json["reports"] as? [[String: Any]] ?? []).map { row in
            Report(id: row["reportId"] as? String ?? "", type: row["reportType"] as? String ?? "", status: row["processingStatus"] as? String ?? "",
                   created: (row["created"] as? NSNumber)?.doubleValue ?? 0, processingEnd: (row["processingEnd"] as? NSNumber)?.doubleValue)
        }
    }
}
