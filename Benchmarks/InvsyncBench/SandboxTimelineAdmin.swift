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

    private func get(_ path: String) async throws -> [String: Any] {
        let response = try await CurlTransport().send(HTTPRequest(method: "GET", url: base.appendingPathComponent(path)))
        guard response.status == 200, let json = try JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
            throw BenchmarkFailure("GET \(path) answered \(response.status)")
        }
        return json
    }

    /// The sandbox's simulated now.
    func now() async throws -> Double { try await calls().now }

    /// Every order the sandbox holds now, with its status.
    func snapshot() async throws -> Snapshot {
        let json = try await get("_sandbox/order-snapshot")
        var statuses: [String: String] = [:]
        for row in json["orders"] as? [[String: Any]] ?? [] {
            if let id = row["id"] as? String, let status = row["status"] as? String { statuses[id] = status }
        }
        return Snapshot(now: (json["now"] as? NSNumber)?.doubleValue ?? 0, statuses: statuses)
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
