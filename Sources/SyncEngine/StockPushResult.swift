/// What Amazon made of one SKU's quantity push.
public enum StockPushResult: Sendable, Hashable {
    /// Amazon holds the pushed quantity now.
    case accepted
    /// Amazon refused the push itself (an ERROR issue, an unknown SKU); retried after backoff and shown in history.
    case rejected(reason: String)
    /// The push did not get through (transport, 5xx, throttling, a feed that failed as a whole); retried after backoff.
    case failed(reason: String)
}
