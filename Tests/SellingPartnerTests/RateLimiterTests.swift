import Foundation
import Testing
@testable import SellingPartner

/// A clock whose sleeps return at once and move a shared time forward: the limiter's waits are read, not waited.
final class SteppedClock: Clock, @unchecked Sendable {
    // @unchecked: one test task drives it; the lock keeps the reads coherent anyway.
    private let lock = NSLock()
    private var offset: Duration = .zero
    private(set) var sleeps: [Duration] = []
    let origin = ContinuousClock.now

    var now: ContinuousClock.Instant { lock.withLock { origin + offset } }
    var minimumResolution: Duration { .nanoseconds(1) }

    func sleep(until deadline: ContinuousClock.Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        lock.withLock {
            let step = max(.zero, (origin + offset).duration(to: deadline))
            sleeps.append(step)
            offset += step
        }
    }
}

@Suite struct RateLimiterTests {
    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// searchOrders (0.0056/s, burst 20): the burst goes at once; after it the first wait includes the headroom once,
    /// every later wait is exactly one interval, so the documented rate is kept.
    @Test func burstThenDocumentedRateWithHeadroomOnce() async throws {
        let clock = SteppedClock()
        let limiter = RateLimiter(clock: clock, now: { clock.now })
        let operation = "orders_2026-01-01.searchOrders"
        for _ in 0..<19 { try await limiter.acquire(operation: operation, seller: "S") }
        #expect(clock.sleeps.isEmpty, "the first 19 of the burst waited")
        for _ in 0..<5 { try await limiter.acquire(operation: operation, seller: "S") }
        let waits = clock.sleeps.map(Self.seconds)
        let interval = 1 / 0.0056
        // The 20th request waits for the headroom; each after it a whole interval (ms rounding aside).
        #expect(abs(waits.reduce(0, +) - (RateLimiter.headroom + 4) * interval) < 0.01, "\(waits)")
        #expect(waits.dropFirst(2).allSatisfy { abs($0 - interval) < 0.002 }, "\(waits)")
    }

    /// A bucket of one token has no room for headroom: it must not wait forever.
    @Test func singleTokenBucketWaitsOneInterval() async throws {
        let clock = SteppedClock()
        let limiter = RateLimiter(clock: clock, now: { clock.now })
        let operation = "single-token-operation"  // unknown operations get 1 request/s, burst 1
        try await limiter.acquire(operation: operation, seller: "S")
        try await limiter.acquire(operation: operation, seller: "S")
        try await limiter.acquire(operation: operation, seller: "S")
        let waits = clock.sleeps.map(Self.seconds)
        #expect(waits.count == 2 && waits.allSatisfy { abs($0 - 1) < 0.002 }, "\(waits)")
    }

    /// `drain` after a 429 empties the bucket: the next request waits a whole interval plus the headroom.
    @Test func drainAfterThrottleWaitsAFullInterval() async throws {
        let clock = SteppedClock()
        let limiter = RateLimiter(clock: clock, now: { clock.now })
        let operation = "orders_2026-01-01.searchOrders"
        try await limiter.acquire(operation: operation, seller: "S")
        await limiter.drain(operation: operation, seller: "S")
        try await limiter.acquire(operation: operation, seller: "S")
        let waited = clock.sleeps.map(Self.seconds).reduce(0, +)
        #expect(abs(waited - (1 + RateLimiter.headroom) / 0.0056) < 0.01, "\(clock.sleeps)")
    }
}
