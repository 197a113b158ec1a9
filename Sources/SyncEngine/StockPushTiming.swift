import Foundation

/// How long the stock pusher waits for what: coalescing, sweeps, feed polling and the backoff of failed pushes (R16).
public struct StockPushTiming: Sendable, Hashable {
    /// After the first change of a burst, how long to gather more before pushing: a burst to one SKU is one push.
    public var coalescingWindow: TimeInterval
    /// The longest sleep with nothing signalled: picks up work left by a crash or by a channel that became pushable.
    public var sweepInterval: TimeInterval
    /// The first getFeed poll after createFeed, doubled up to `maxFeedPollInterval`. Amazon takes minutes to process a
    /// feed and getFeed allows 2 req/s (burst 15), so polling is bounded by patience, not by the rate.
    public var feedPollInterval: TimeInterval
    public var maxFeedPollInterval: TimeInterval
    /// A feed not finished after this long is treated as failed; its SKUs are pushed again after their backoff.
    public var feedTimeout: TimeInterval
    /// Backoff of a rejected or failed push: `retryBase` doubled per failed attempt, at most `retryMax`, with jitter.
    public var retryBase: TimeInterval
    public var retryMax: TimeInterval

    public init(
        coalescingWindow: TimeInterval = 0.5, sweepInterval: TimeInterval = 60, feedPollInterval: TimeInterval = 30,
        maxFeedPollInterval: TimeInterval = 120, feedTimeout: TimeInterval = 3600, retryBase: TimeInterval = 30,
        retryMax: TimeInterval = 3600
    ) {
        self.coalescingWindow = max(0, coalescingWindow)
        self.sweepInterval = max(0.01, sweepInterval)
        self.feedPollInterval = max(0.001, feedPollInterval)
        self.maxFeedPollInterval = max(self.feedPollInterval, maxFeedPollInterval)
        self.feedTimeout = feedTimeout
        self.retryBase = max(0.001, retryBase)
        self.retryMax = max(self.retryBase, retryMax)
    }

    /// Seconds to wait after `attempts` failed attempts (1 after the first); `random` in [0, 1) spreads retries
    /// between half and all of the exponential delay, so a storm's victims do not return together. Never gives up:
    /// a push is retried until Amazon accepts it or the change is superseded (R16).
    public func retryDelay(afterAttempts attempts: Int, random: Double) -> TimeInterval {
        let exponential = retryBase * pow(2, Double(min(max(attempts, 1) - 1, 30)))
        return min(retryMax, exponential) * (0.5 + 0.5 * min(max(random, 0), 1))
    }
}
