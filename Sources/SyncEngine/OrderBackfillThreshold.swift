import Foundation
import SellingPartner

/// Decides from the rate limits whether a backfill window is faster through the order report than through searchOrders.
///
/// The rule: searchOrders fetches its first `burst` pages at once and then one page every 1/rate seconds; the
/// report costs one createReport, polls and one getReportDocument (all within their bursts) plus Amazon's
/// generation time. Searching N pages therefore takes max(0, N − burst) / rate seconds, and the report wins when
/// that is longer than the report's time: N > burst + rate × reportSeconds, the break-even below.
/// With Amazon's plans (0.0056/s, burst 20, 100 orders a page) and 5 minutes of generation plus a poll interval
/// of slack that is 22 pages, about 2,200 orders.
public struct OrderBackfillThreshold: Sendable, Equatable {
    /// searchOrders' usage plan.
    public var searchRate: OperationRate
    /// Orders per searchOrders page.
    public var pageSize: Int
    /// What a report takes from createReport to its document: Amazon's generation time plus polling slack.
    public var reportSeconds: TimeInterval

    public init(searchRate: OperationRate = OperationRate.table["orders_2026-01-01.searchOrders"]!, pageSize: Int = 100,
                reportSeconds: TimeInterval = 360) {
        self.searchRate = searchRate
        self.pageSize = max(1, pageSize)
        self.reportSeconds = reportSeconds
    }

    /// The number of pages searchOrders fetches in the time one report takes.
    public var breakEvenPages: Double { Double(searchRate.burst) + searchRate.rate * reportSeconds }

    /// The smallest number of orders for which the report is faster.
    public var breakEvenOrders: Int { Int((breakEvenPages * Double(pageSize)).rounded(.down)) + 1 }

    /// Seconds searchOrders needs for `orders` orders, starting with a full bucket.
    public func searchSeconds(orders: Int) -> TimeInterval {
        let pages = (orders + pageSize - 1) / pageSize
        return max(0, Double(pages - searchRate.burst)) / searchRate.rate
    }

    /// True when the report brings `orders` orders sooner than searchOrders.
    public func prefersReport(orders: Int) -> Bool { searchSeconds(orders: orders) > reportSeconds }

    /// The orders a creation window holds, estimated from its first searchOrders page.
    ///
    /// A page covers the part of the window from the window's edge to its farthest order; Amazon lists a created
    /// window oldest first (the sandbox too), and the smaller of the two edge distances is right either way.
    /// A last page is the exact count.
    public static func estimatedOrders(firstPage created: [Date], isLast: Bool, window: DateInterval) -> Int {
        if isLast { return created.count }
        guard let first = created.min(), let last = created.max(), window.duration > 0 else { return Int.max }
        let covered = max(1, min(last.timeIntervalSince(window.start), window.end.timeIntervalSince(first)))
        let estimate = Double(created.count) * window.duration / covered
        return estimate >= Double(Int.max / 2) ? Int.max / 2 : max(created.count + 1, Int(estimate.rounded(.up)))
    }
}
