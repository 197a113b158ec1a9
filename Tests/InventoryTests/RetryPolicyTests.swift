import Foundation
import Testing
import Inventory

struct RetryPolicyTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    // R11: the ceiling doubles from 1 minute and stops at 6 hours.
    @Test func growthAndCap() {
        let p = RetryPolicy.default
        let expected: [Double] = [60, 120, 240, 480, 960, 1920, 3840]
        for (i, e) in expected.enumerated() { #expect(p.ceiling(after: i + 1) == e) }
        let capped = RetryPolicy(maxAttempts: 100)
        #expect(capped.ceiling(after: 10) == 6 * 3600)
        #expect(capped.ceiling(after: 60) == 6 * 3600)
        #expect(capped.nextAttempt(after: 50, now: now, random: 1) == now.addingTimeInterval(6 * 3600))
    }

    // R11: full jitter: delay = random × ceiling, within [0, ceiling].
    @Test func fullJitterBounds() throws {
        let p = RetryPolicy.default
        for attempt in 1..<8 {
            #expect(p.nextAttempt(after: attempt, now: now, random: 0) == now)
            #expect(p.nextAttempt(after: attempt, now: now, random: 0.5) == now.addingTimeInterval(p.ceiling(after: attempt) / 2))
            for r in stride(from: 0.0, through: 1.0, by: 0.05) {
                let d = try #require(p.nextAttempt(after: attempt, now: now, random: r)).timeIntervalSince(now)
                #expect(d >= 0 && d <= p.ceiling(after: attempt))
            }
        }
    }

    // R11: after max attempts the record gives up (nil → failed).
    @Test func givesUp() {
        let p = RetryPolicy.default
        #expect(p.nextAttempt(after: 7, now: now, random: 0.3) != nil)
        #expect(p.nextAttempt(after: 8, now: now, random: 0.3) == nil)
        #expect(p.nextAttempt(after: 9, now: now, random: 0.3) == nil)
        let custom = RetryPolicy(base: 10, factor: 3, cap: 100, maxAttempts: 3)
        #expect(custom.ceiling(after: 2) == 30)
        #expect(custom.ceiling(after: 3) == 90)
        #expect(custom.ceiling(after: 4) == 100)
        #expect(custom.nextAttempt(after: 3, now: now, random: 0) == nil)
    }
}
