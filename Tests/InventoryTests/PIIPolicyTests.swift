import Foundation
import Testing
import Inventory

/// R31: PII is deleted 30 days after fulfilment, void orders too; refulfilment restarts the clock.
struct PIIPolicyTests {
    let p = PIIPolicy.default
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    let day: TimeInterval = 86_400

    @Test func purgeThirtyDaysAfterFulfilment() {
        let f = p.fulfilledAt(previousStatus: .unshipped, previousFulfilledAt: nil, newStatus: .shipped, at: t0)
        #expect(f == t0)
        #expect(p.purgeAfter(fulfilledAt: f) == t0.addingTimeInterval(30 * day))
        #expect(!p.isDue(purgeAfter: p.purgeAfter(fulfilledAt: f), now: t0.addingTimeInterval(30 * day - 1)))
        #expect(p.isDue(purgeAfter: p.purgeAfter(fulfilledAt: f), now: t0.addingTimeInterval(30 * day)))
    }

    @Test(arguments: [OrderStatus.cancelled, .unfulfillable])
    func voidOrdersToo(status: OrderStatus) {
        #expect(p.fulfilledAt(previousStatus: .unshipped, previousFulfilledAt: nil, newStatus: status, at: t0) == t0)
    }

    @Test(arguments: [OrderStatus.pending, .pendingAvailability, .unshipped, .partiallyShipped])
    func openOrdersHaveNoPurgeTime(status: OrderStatus) {
        let f = p.fulfilledAt(previousStatus: .shipped, previousFulfilledAt: t0, newStatus: status, at: t0)
        #expect(f == nil)
        #expect(p.purgeAfter(fulfilledAt: f) == nil)
        #expect(!p.isDue(purgeAfter: nil, now: .distantFuture))
    }

    @Test func stayingClosedKeepsTheClock() {
        let later = t0.addingTimeInterval(5 * day)
        #expect(p.fulfilledAt(previousStatus: .shipped, previousFulfilledAt: t0, newStatus: .shipped, at: later) == t0)
        #expect(p.fulfilledAt(previousStatus: .shipped, previousFulfilledAt: t0, newStatus: .cancelled, at: later) == t0)
    }

    @Test func refulfilmentRestarts() {
        // Shipped, reopened, shipped again 10 days later: 30 days from the new date.
        let reopened = p.fulfilledAt(previousStatus: .shipped, previousFulfilledAt: t0, newStatus: .partiallyShipped, at: t0)
        let again = t0.addingTimeInterval(10 * day)
        let f = p.fulfilledAt(previousStatus: .partiallyShipped, previousFulfilledAt: reopened, newStatus: .shipped, at: again)
        #expect(f == again)
        #expect(p.purgeAfter(fulfilledAt: f) == again.addingTimeInterval(30 * day))
    }

    @Test func createdClosed() {
        #expect(p.fulfilledAt(previousStatus: nil, previousFulfilledAt: nil, newStatus: .shipped, at: t0) == t0)
        #expect(p.fulfilledAt(previousStatus: nil, previousFulfilledAt: nil, newStatus: .unshipped, at: t0) == nil)
    }
}
