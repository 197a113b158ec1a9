import Foundation

/// Bounded exponential backoff with full jitter for 5xx, timeouts and resets, and a cap on 429 waits.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var maxThrottles: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    public var timeout: Duration
    public var clock: any Clock<Duration>

    public init(maxAttempts: Int = 5, maxThrottles: Int = 50, baseDelay: Duration = .milliseconds(200),
                maxDelay: Duration = .seconds(20), timeout: Duration = .seconds(30),
                clock: any Clock<Duration> = ContinuousClock()) {
        self.maxAttempts = maxAttempts
        self.maxThrottles = maxThrottles
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.timeout = timeout
        self.clock = clock
    }

    /// Whether a transport failure may succeed on a second try.
    public func isRetryable(_ error: TransportError) -> Bool {
        switch error {
        case .timeout, .connectionReset, .truncatedBody, .connectionFailed: true
        case .tlsFailure, .other: false
        }
    }

    /// The delay before attempt `failures + 1`: uniform in [0, min(max, base * 2^failures)].
    public func delay(afterFailure failures: Int) -> Duration {
        let ceiling = min(maxDelay, baseDelay * (1 << min(failures, 20)))
        return ceiling * Double.random(in: 0...1)
    }

    func sleep(afterFailure failures: Int) async throws {
        try await clock.sleep(for: delay(afterFailure: failures), tolerance: nil)
    }
}
