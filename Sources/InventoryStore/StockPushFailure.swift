import Foundation
import Inventory

/// A stock push Amazon refused or that failed, waiting in the outbox for its next attempt (R16).
public struct StockPushFailure: Sendable, Hashable {
    public var channel: ChannelName
    public var sku: String
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastError: String?

    public init(channel: ChannelName, sku: String, attempts: Int, nextAttemptAt: Date?, lastError: String?) {
        self.channel = channel
        self.sku = sku
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
    }
}
