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
    /// The page's orders are as dense as the rest of the window is expected to be: the time between its oldest and
    /// newest order holds its count, and the part of the window it has not reached holds the same number per second.
    /// Amazon lists a created window oldest first (the sandbox too); a page listed newest first is read from the other
    /// edge. The stretch before the page's first order is not counted: a seller whose orders began inside the window
    /// (a 60-day look-back over 30 days of orders) has no orders there. A last page is the exact count.
    public static func estimatedOrders(firstPage created: [Date], isLast: Bool, window: DateInterval) -> Int {
        if isLast { return created.count }
        guard let first = created.first, let final = created.last, let oldest = created.min(), let newest = created.max(),
              window.duration > 0
        else { return Int.max / 2 }
        let span = max(1, newest.timeIntervalSince(oldest))
        let remaining = max(0, first <= final ? window.end.timeIntervalSince(newest) : oldest.timeIntervalSince(window.start))
        let estimate = Double(created.count) * (1 + remaining / span)
        return estimate >= Double(Int.max / 2) ? Int.max / 2 : max(created.count + 1, Int(estimate.rounded(.up)))
    }
}
