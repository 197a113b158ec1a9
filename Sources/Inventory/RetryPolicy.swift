import Foundation

/// When a failed record is tried again (R11): exponential backoff with full jitter, capped, then given up.
public struct RetryPolicy: Sendable, Hashable {
    public var base: TimeInterval
    public var factor: Double
    public var cap: TimeInterval
    public var maxAttempts: Int

    public static let standard = RetryPolicy(base: 60, factor: 2, cap: 6 * 3600, maxAttempts: 8)

    public init(base: TimeInterval, factor: Double, cap: TimeInterval, maxAttempts: Int) {
        self.base = base
        self.factor = factor
        self.cap = cap
        self.maxAttempts = maxAttempts
    }

    /// The time of the next attempt after `attempts` failed ones, or nil when the record has to stay failed.
    /// `random` in [0, 1) picks the jitter; the delay is at least a tenth of the backoff so retries never bunch at 0.
    public func nextAttempt(after attempts: Int, now: Date, random: Double) -> Date? {
        guard attempts < maxAttempts else { return nil }
        let backoff = min(cap, base * pow(factor, Double(max(0, attempts - 1))))
        let jittered = backoff * (0.1 + 0.9 * min(max(random, 0), 1))
        return now.addingTimeInterval(jittered)
    }
}
