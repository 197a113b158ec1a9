import Foundation

/// When to retry a record that failed transiently: exponential backoff with full jitter (R11).
public struct RetryPolicy: Sendable, Hashable {
    public var base: Double
    public var factor: Double
    public var cap: Double
    public var maxAttempts: Int

    public init(base: Double = 60, factor: Double = 2, cap: Double = 6 * 3600, maxAttempts: Int = 8) {
        self.base = base
        self.factor = factor
        self.cap = cap
        self.maxAttempts = maxAttempts
    }

    public static let `default` = RetryPolicy()

    /// The upper bound of the delay after `attempt` failed attempts (1-based): min(cap, base × factor^(attempt-1)).
    public func ceiling(after attempt: Int) -> Double {
        let exp = pow(factor, Double(max(attempt, 1) - 1))
        return min(cap, base * exp)
    }

    /// The time of the next attempt after `attempt` attempts have failed, or nil when the record gives up
    /// (R11: it is then marked failed). `random` in [0, 1) picks the delay in [0, ceiling] (full jitter).
    public func nextAttempt(after attempt: Int, now: Date, random: Double) -> Date? {
        guard attempt < maxAttempts else { return nil }
        let r = min(max(random, 0), 1)
        return now.addingTimeInterval(r * ceiling(after: attempt))
    }
}
