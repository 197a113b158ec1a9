import Foundation
import Testing
@testable import SellerCentralSandbox

/// The admin endpoints a backfill timeline is read from (issue 7): order snapshot, call times, reports; over real HTTP.
@Suite struct TimelineAdminTests {
    func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

    /// R5: the snapshot fixes which orders exist at an instant and their status then; its counts agree with
    /// order-statuses, and a Pending order's status moves on with the clock.
    @Test func orderSnapshotGivesEveryOrderWithItsStatusNow() async throws {
        let s = try await RunningSandbox.start { $0.orders = 400; $0.marketplaces = ["US"] }
        defer { s.stop() }
        // An order added now is Pending for its first half hour, as a fresh Amazon order is.
        let added = try await s.call("POST", "/_sandbox/orders", json: ["amazonOrderId": "111-0000000-9999999", "items": [["sku": "SKU-1", "quantity": 1]]])
        #expect(added.status == 200)
        let snapshot = try await s.call("GET", "/_sandbox/order-snapshot")
        #expect(snapshot.status == 200)
        let rows = try #require(snapshot.object["orders"] as? [[String: Any]])
        #expect(rows.count >= 401)
        #expect(Set(rows.compactMap { $0["id"] as? String }).count == rows.count)
        let now = try #require(number(snapshot.object["now"]))
        #expect(rows.allSatisfy { (number($0["lastUpdated"]) ?? .infinity) <= now })
        var byStatus: [String: Int] = [:]
        for row in rows.prefix(400) { byStatus[row["status"] as? String ?? "", default: 0] += 1 }
        let statuses = try #require(try await s.call("GET", "/_sandbox/order-statuses").object["seeded"] as? [String: Any])
        #expect(byStatus == statuses.compactMapValues { ($0 as? NSNumber)?.intValue })
        #expect(rows.first { $0["id"] as? String == "111-0000000-9999999" }?["status"] as? String == "PENDING")
        _ = try await s.call("POST", "/_sandbox/clock/advance", json: ["seconds": 3600])
        let later = try #require(try await s.call("GET", "/_sandbox/order-snapshot").object["orders"] as? [[String: Any]])
        #expect(later.first { $0["id"] as? String == "111-0000000-9999999" }?["status"] as? String == "UNSHIPPED")
    }

    /// Call times are simulated: two calls a simulated hour apart are an hour apart here; counts reset clears them.
    @Test func callsGiveFirstAndLastTimeOnTheSimulatedClock() async throws {
        let s = try await RunningSandbox.start()
        defer { s.stop() }
        let token = try await s.token()
        for _ in 0..<2 { #expect(try await s.call("GET", "/sellers/v1/marketplaceParticipations", token: token).status == 200) }
        _ = try await s.call("POST", "/_sandbox/clock/advance", json: ["seconds": 3600])
        #expect(try await s.call("GET", "/sellers/v1/marketplaceParticipations", token: token).status == 200)
        let answer = try await s.call("GET", "/_sandbox/calls")
        #expect(answer.status == 200)
        let calls = try #require((answer.object["operations"] as? [String: Any])?["getMarketplaceParticipations"] as? [String: Any])
        #expect((calls["requests"] as? NSNumber)?.intValue == 3)
        let times = try #require(calls["times"] as? [Double])
        #expect(times.count == 3)
        let first = try #require(number(calls["first"])), last = try #require(number(calls["last"]))
        #expect(times.first == first && times.last == last)
        #expect(last - first >= 3600 && last - first < 3700)
        #expect(try #require(number(answer.object["now"])) >= last)
        _ = try await s.call("DELETE", "/_sandbox/counts")
        let cleared = try await s.call("GET", "/_sandbox/calls").object["operations"] as? [String: Any]
        #expect(cleared?.isEmpty == true)
    }

    /// Issue 6: the call log names each request in order with its query and outcome, a throttled one included, so a
    /// benchmark can tell the pages of a search from any other call; the snapshot gives each order's creation.
    @Test func callLogListsEachRequestWithItsQueryAndOutcome() async throws {
        let s = try await RunningSandbox.start { $0.orders = 150; $0.marketplaces = ["US"] }
        defer { s.stop() }
        let token = try await s.token()
        let after = "2020-01-01T00:00:00Z"
        let first = try await s.call("GET", "/orders/2026-01-01/orders?createdAfter=\(after)&marketplaceIds=\(us)&maxResultsPerPage=100", token: token)
        #expect(first.status == 200)
        let next = try #require((first.object["pagination"] as? [String: Any])?["nextToken"] as? String)
        _ = try await s.call("GET", "/orders/2026-01-01/orders?createdAfter=\(after)&marketplaceIds=\(us)&maxResultsPerPage=100&paginationToken=\(next)", token: token)
        _ = try await s.call("POST", "/_sandbox/faults", json: ["operation": "searchOrders", "kind": "throttle"])
        #expect(try await s.call("GET", "/orders/2026-01-01/orders?createdAfter=\(after)&marketplaceIds=\(us)", token: token).status == 429)
        let log = try #require(try await s.call("GET", "/_sandbox/call-log").object["calls"] as? [[String: Any]])
        #expect(log.map { $0["operation"] as? String } == ["searchOrders", "searchOrders", "searchOrders"])
        #expect(log.map { $0["outcome"] as? String } == ["admitted", "admitted", "throttled"])
        #expect((log[0]["query"] as? String)?.contains("createdAfter=") == true)
        #expect((log[0]["query"] as? String)?.contains("paginationToken") == false)
        #expect((log[1]["query"] as? String)?.contains("paginationToken=") == true)
        #expect(log[0]["path"] as? String == "/orders/2026-01-01/orders")
        let times = log.compactMap { number($0["time"]) }
        #expect(times.count == 3 && times == times.sorted())
        let snapshot = try await s.call("GET", "/_sandbox/order-snapshot").object
        let rows = try #require(snapshot["orders"] as? [[String: Any]])
        let now = try #require(number(snapshot["now"]))
        #expect(rows.count >= 150 && rows.allSatisfy { number($0["created"]).map { $0 <= now } == true })
        _ = try await s.call("DELETE", "/_sandbox/counts")
        #expect((try await s.call("GET", "/_sandbox/call-log").object["calls"] as? [Any])?.isEmpty == true)
    }

    /// Issue 6: `?at=` gives the orders as a search frozen at that instant saw them: those created by then, with the
    /// status they had then (the backfill benchmark's bound counts the orders R17 brings in from it).
    @Test func orderSnapshotAtAnEarlierInstantGivesTheStatusesThen() async throws {
        let s = try await RunningSandbox.start { $0.orders = 50; $0.marketplaces = ["US"] }
        defer { s.stop() }
        let before = try #require(number(try await s.call("GET", "/_sandbox/order-snapshot").object["now"]))
        _ = try await s.call("POST", "/_sandbox/clock/advance", json: ["seconds": 10])
        let id = "111-0000000-8888888"
        _ = try await s.call("POST", "/_sandbox/orders", json: ["amazonOrderId": id, "items": [["sku": "SKU-1", "quantity": 1]]])
        let added = try #require(number(try await s.call("GET", "/_sandbox/order-snapshot").object["now"]))
        _ = try await s.call("POST", "/_sandbox/clock/advance", json: ["seconds": 3600])
        func status(at time: Double?) async throws -> String? {
            let path = "/_sandbox/order-snapshot" + (time.map { "?at=\($0)" } ?? "")
            let rows = try #require(try await s.call("GET", path).object["orders"] as? [[String: Any]])
            return rows.first { $0["id"] as? String == id }?["status"] as? String
        }
        #expect(try await status(at: before) == nil)
        #expect(try await status(at: added + 1) == "PENDING")
        #expect(try await status(at: nil) == "UNSHIPPED")
    }

    /// The order report's way IN_QUEUE → DONE as the operator sees it: created at createReport, ended when the
    /// configured delay has passed on the simulated clock; a report made to end FATAL shows that too.
    @Test func reportsGiveCreationAndEndOnTheSimulatedClock() async throws {
        let s = try await RunningSandbox.start { $0.orderReportDelay = 300 }
        defer { s.stop() }
        let token = try await s.token()
        let body: [String: Any] = ["reportType": OrderReportTests.type, "marketplaceIds": [us]]
        let created = try await s.call("POST", "/reports/2021-06-30/reports", token: token, json: body)
        let id = try #require(created.object["reportId"] as? String)
        func row(_ id: String) async throws -> [String: Any] {
            let reports = try #require(try await s.call("GET", "/_sandbox/reports").object["reports"] as? [[String: Any]])
            return try #require(reports.first { $0["reportId"] as? String == id })
        }
        let queued = try await row(id)
        #expect(queued["processingStatus"] as? String == "IN_QUEUE")
        #expect(queued["reportType"] as? String == OrderReportTests.type)
        #expect(queued["processingEnd"] == nil)
        let createdAt = try #require(number(queued["created"]))
        _ = try await s.call("POST", "/_sandbox/clock/advance", json: ["seconds": 301])
        let done = try await row(id)
        #expect(done["processingStatus"] as? String == "DONE")
        #expect(done["reportDocumentId"] is String)
        #expect(number(done["processingEnd"]).map { abs($0 - createdAt - 300) < 0.001 } == true)
        #expect(number(done["processingStart"]).map { abs($0 - createdAt - 30) < 0.001 } == true)

        _ = try await s.call("POST", "/_sandbox/faults", json: ["operation": "createReport", "kind": "fatal"])
        let failing = try #require(try await s.call("POST", "/reports/2021-06-30/reports", token: token, json: body).object["reportId"] as? String)
        _ = try await s.call("POST", "/_sandbox/clock/advance", json: ["seconds": 301])
        let fatal = try await row(failing)
        #expect(fatal["processingStatus"] as? String == "FATAL")
        #expect(fatal["reportDocumentId"] == nil)
    }
}
