import Foundation

/// A token bucket for one operation and seller: refills at `rate` per real second up to `burst`.
struct TokenBucket: Sendable {
    let rate: Double
    let burst: Double
    private var tokens: Double
    private var last: Double

    init(rate: Double, burst: Double, now: Double) {
        self.rate = rate
        self.burst = max(1, burst)
        tokens = self.burst
        last = now
    }

    /// Takes one token if available.
    mutating func take(now: Double) -> Bool {
        tokens = min(burst, tokens + (now - last) * rate)
        last = now
        if tokens >= 1 { tokens -= 1; return true }
        return false
    }
}
