import CurlTransport
import Foundation
import InvSyncInterface
import SellingPartner
import Varlink

/// API efficiency under Amazon's documented limits, the sandbox's rates and clock scaled by the same factor: the time
/// of a 10,000-order backfill against the bound searchOrders' rate and burst allow, and SP-API calls per 1,000 orders
/// in the backfill and in a steady-state (incremental) sync of 1,000 new orders.
enum BackfillEfficiency {
    /// searchOrders (Orders API 2026-01-01) as documented: 0.0056 requests/s, burst 20, at most 100 orders a page.
    static let searchOrdersRate = 0.0056
    static let searchOrdersBurst = 20
    static let ordersPerPage = 100

    struct Result {
        var orders: Int
        var seconds: Double
        var boundSeconds: Double
        var callsPerThousand: Double
        var steadyOrders: Int
        var steadyCallsPerThousand: Double
    }

    /// The shortest time `orders` can be fetched in: the burst's pages go at once, every further page waits for a
    /// token at the (scaled) rate.
    static func bound(orders: Int, scale: Double) -> Double {
        let pages = (orders + ordersPerPage - 1) / ordersPerPage
        return Double(max(0, pages - searchOrdersBurst)) / (searchOrdersRate * scale)
    }

    private static func orderCalls(_ counts: [String: Int]) -> Int { (counts["searchOrders"] ?? 0) + (counts["getOrder"] ?? 0) }

    static func run(binDir: String, orders: Int, scale: Double) async throws -> Result {
        let sandbox = try SandboxProcess(binDir: binDir, arguments: ["--marketplaces", "US", "--orders", "\(orders)", "--listings", "200",
                                                                    "--days", "30", "--rate-scale", "\(scale)", "--clock-scale", "\(scale)"])
        defer { sandbox.stop() }
        let admin = SandboxAdmin(base: sandbox.base)
        // searchOrders' pacing is what is measured here; the order report's backfill has its own benchmark.
        let daemon = try DaemonProcess(binDir: binDir, sandbox: sandbox.base, channels: ["amazon-us"],
                                       channelSettings: ["order_backfill = \"search\""])
        defer { daemon.stop() }
        try await daemon.start()
        // The backfill is the first orders task; timed from when it is seen running (polled every 20 ms) to its end.
        var began: ContinuousClock.Instant?
        var callsBefore = 0
        var task: SyncInterface.Task?
        let deadline = ContinuousClock.now + .seconds(600)
        while task == nil, ContinuousClock.now < deadline {
            let orderTask = try await daemon.tasks().first { $0.module == "orders" }
            if let orderTask {
                if began == nil {
                    began = ContinuousClock.now
                    callsBefore = orderCalls(try await admin.counts())
                }
                if orderTask.status != .running { task = orderTask }
            }
            if task == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        guard let task, let began else { throw BenchmarkFailure("the backfill did not end within 600 s; log: \(daemon.logTail())") }
        let elapsed = seconds(ContinuousClock.now - began)
        guard task.status == .succeeded else { throw BenchmarkFailure("the backfill ended \(task.status.rawValue); log: \(daemon.logTail())") }
        let backfillCalls = orderCalls(try await admin.counts()) - callsBefore

        // Steady state: 1,000 new orders arrive, confirmed (a new sandbox order is Pending for 30 simulated minutes,
        // which R17 leaves out), then one incremental (manual) orders sync.
        let sku = try await daemon.call(InventoryInterface.Method.listItems.qualified, ["limit": 1],
                                        returning: InventoryInterface.ListItemsReply.self).items.first?.sku ?? "SKU"
        let ordersURL = sandbox.base.appendingPathComponent("_sandbox/orders")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    let transport = CurlTransport()
                    for _ in stride(from: worker, to: 1000, by: 4) {
                        let body = try JSONSerialization.data(withJSONObject: ["items": [["sku": sku, "quantity": 1]],
                                                                               "status": "UNSHIPPED"])
                        _ = try await transport.send(HTTPRequest(method: "POST", url: ordersURL,
                                                                 headers: [("Content-Type", "application/json")], body: body))
                    }
                }
            }
            try await group.waitForAll()
        }
        let steadyBefore = orderCalls(try await admin.counts())
        let start = try await daemon.call(SyncInterface.Method.start.qualified, ["module": "orders", "channel": "amazon-us"],
                                          returning: SyncInterface.StartReply.self)
        guard let id = start.tasks.first?.id else { throw BenchmarkFailure("Sync.Start created no task") }
        var steady: SyncInterface.Task?
        let steadyDeadline = ContinuousClock.now + .seconds(300)
        while steady == nil, ContinuousClock.now < steadyDeadline {
            let reply = try await daemon.call(SyncInterface.Method.getTask.qualified, ["id": .number(Double(id))],
                                              returning: SyncInterface.GetTaskReply.self)
            if reply.task.status != .running { steady = reply.task } else { try await Task.sleep(for: .milliseconds(50)) }
        }
        guard let steady else { throw BenchmarkFailure("the incremental sync did not end within 300 s") }
        let steadyCalls = orderCalls(try await admin.counts()) - steadyBefore
        return Result(orders: task.synced, seconds: elapsed, boundSeconds: bound(orders: task.synced, scale: scale),
                      callsPerThousand: Double(backfillCalls) * 1000 / Double(max(1, task.synced)),
                      steadyOrders: steady.synced,
                      steadyCallsPerThousand: Double(steadyCalls) * 1000 / Double(max(1, steady.synced)))
    }
}
