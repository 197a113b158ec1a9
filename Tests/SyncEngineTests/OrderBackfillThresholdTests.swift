import Foundation
import SellingPartner
import Testing
@testable import SyncEngine

/// The rule that picks the order report over searchOrders, computed from the documented rate limits (issue 7).
struct OrderBackfillThresholdTests {
    @Test func amazonsPlansPutTheBreakEvenAt22Pages() {
        // R5: searchOrders 0.0056/s burst 20, 100 a page; a report is 5 minutes of generation plus a minute of polls.
        let rule = OrderBackfillThreshold()
        #expect(rule.searchRate == OperationRate(rate: 0.0056, burst: 20))
        #expect(abs(rule.breakEvenPages - 22.016) < 0.001)
        #expect(rule.breakEvenOrders == 2202)
        #expect(!rule.prefersReport(orders: 2000))  // 20 pages: the burst, at once
        #expect(!rule.prefersReport(orders: 2200))  // 22 pages: 2 pages wait 357 s < 360 s
        #expect(rule.prefersReport(orders: 2300))   // 23 pages: 536 s
        // The seller: 10,000 orders = 100 pages = 80 pages after the burst ≈ 4 hours.
        #expect(abs(rule.searchSeconds(orders: 10_000) - 80 / 0.0056) < 0.001)
        #expect(rule.prefersReport(orders: 10_000))
    }

    @Test func theBreakEvenFollowsTheRatesNotAConstant() {
        // A faster plan (or a scaled sandbox) moves the threshold: the rule is computed, not guessed.
        let fast = OrderBackfillThreshold(searchRate: OperationRate(rate: 1, burst: 20), pageSize: 100, reportSeconds: 360)
        #expect(fast.breakEvenPages == 380)
        #expect(!fast.prefersReport(orders: 30_000))
        let small = OrderBackfillThreshold(pageSize: 10)
        #expect(small.breakEvenOrders == 221)
    }

    @Test func theWindowsOrdersAreEstimatedFromTheFirstPage() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let window = DateInterval(start: start, duration: 30 * 86_400)
        // Oldest first: 100 orders in the first 3 days of 30 → about 1,000.
        let ascending = (0..<100).map { start.addingTimeInterval(Double($0) * 3 * 86_400 / 100) }
        let estimate = OrderBackfillThreshold.estimatedOrders(firstPage: ascending, isLast: false, window: window)
        #expect((990...1020).contains(estimate))
        // Newest first gives the same.
        let descending = ascending.map { window.end.addingTimeInterval(start.timeIntervalSince($0)) }
        #expect(OrderBackfillThreshold.estimatedOrders(firstPage: descending, isLast: false, window: window) == estimate)
        // A last page is the count.
        #expect(OrderBackfillThreshold.estimatedOrders(firstPage: Array(ascending.prefix(7)), isLast: true, window: window) == 7)
        // Orders that began inside the window (30 days of them in a 60-day look-back): 100 orders in 7.2 hours, then
        // 30 days more of them → about 10,000, not the 200 the window's whole length would suggest.
        let lookback = DateInterval(start: start, duration: 60 * 86_400)
        let recent = (0..<100).map { start.addingTimeInterval(30 * 86_400 + Double($0) * 7.2 * 3600 / 100) }
        let recentEstimate = OrderBackfillThreshold.estimatedOrders(firstPage: recent, isLast: false, window: lookback)
        #expect((9_900...10_200).contains(recentEstimate), "\(recentEstimate)")
        #expect(OrderBackfillThreshold().prefersReport(orders: recentEstimate))
        // More than a page, whatever the spread.
        let spread = (0..<100).map { start.addingTimeInterval(Double($0) * 30 * 86_400 / 100) }
        #expect(OrderBackfillThreshold.estimatedOrders(firstPage: spread, isLast: false, window: window) > 100)
    }
}
