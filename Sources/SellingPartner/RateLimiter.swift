import Foundation

/// Token buckets per operation and seller: waits until a request may go out under the documented or observed rate.
public actor RateLimiter {
    private struct Bucket {
        var rate: Double
        var burst: Double
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let clock: any Clock<Duration>
    private let now: @Sendable () -> ContinuousClock.Instant
    private var buckets: [String: Bucket] = [:]

    /// `clock` does the sleeping (inject a test clock); `now` reads the time buckets refill against.
    public init(clock: any Clock<Duration> = ContinuousClock(),
                now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.clock = clock
        self.now = now
    }

    private func key(_ operation: String, _ seller: String) -> String { operation + "|" + seller }

    private func bucket(_ operation: String, _ seller: String) -> Bucket {
        if let b = buckets[key(operation, seller)] { return b }
        let plan = OperationRate.table[operation] ?? OperationRate(rate: 1, burst: 1)
        return Bucket(rate: plan.rate, burst: Double(plan.burst), tokens: Double(plan.burst), updated: now())
    }

    private func refill(_ b: inout Bucket) {
        let t = now()
        let elapsed = b.updated.duration(to: t)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        b.tokens = min(b.burst, b.tokens + seconds * b.rate)
        b.updated = t
    }

    /// The part of a token a request waits for beyond the whole one, once its bucket has run dry. Amazon's bucket starts
    /// when our first request arrives, a little after ours, and each request reaches it a varying moment after it
    /// leaves: a request sent the instant our token is whole can arrive before Amazon's is and come back 429, which
    /// costs a whole interval. Waiting for 1.05 tokens shifts our requests 5% of an interval behind Amazon's refills
    /// once; the steady rate stays the documented one (each request still takes exactly one token).
    static let headroom = 0.05

    /// Takes one token for `operation`, sleeping on the clock until one is available.
    public func acquire(operation: String, seller: String) async throws {
        while true {
            var b = bucket(operation, seller)
            refill(&b)
            // A bucket that holds a single token cannot hold more: no headroom there.
            let needed = min(1 + Self.headroom, max(b.burst, 1))
            if b.tokens >= needed {
                b.tokens -= 1
                buckets[key(operation, seller)] = b
                return
            }
            let wait = (needed - b.tokens) / max(b.rate, 0.0001)
            buckets[key(operation, seller)] = b
            try await clock.sleep(for: .milliseconds(Int64((wait * 1000).rounded(.up))), tolerance: nil)
        }
    }

    /// Corrects the rate from `x-amzn-RateLimit-Limit`, which Amazon sends with the rate actually applied.
    public func observe(rateLimitHeader: String?, operation: String, seller: String) {
        guard let text = rateLimitHeader, let rate = Double(text.trimmingCharacters(in: .whitespaces)), rate > 0 else { return }
        var b = bucket(operation, seller)
        refill(&b)
        b.rate = rate
        buckets[key(operation, seller)] = b
    }

    /// After a 429 the bucket is empty whatever we believed: drain it so the next acquire waits a full interval.
    public func drain(operation: String, seller: String) {
        var b = bucket(operation, seller)
        refill(&b)
        b.tokens = 0
        buckets[key(operation, seller)] = b
    }

    /// The rate in force for `operation`: Amazon's last `x-amzn-RateLimit-Limit`, else the documented one.
    public func rate(operation: String, seller: String) -> OperationRate {
        let b = bucket(operation, seller)
        return OperationRate(rate: b.rate, burst: Int(b.burst))
    }

    /// Tokens currently available (for tests and diagnostics).
    public func available(operation: String, seller: String) -> Double {
        var b = bucket(operation, seller)
        refill(&b)
        buckets[key(operation, seller)] = b
        return b.tokens
    }
}
