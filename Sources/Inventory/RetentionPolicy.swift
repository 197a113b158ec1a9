import Foundation

/// How long sync history is kept (R12): succeeded one month, failed and partial two calendar months (UTC).
public struct RetentionPolicy: Sendable, Hashable {
    public var succeededMonths: Int
    public var failedMonths: Int

    public init(succeededMonths: Int = 1, failedMonths: Int = 2) {
        self.succeededMonths = succeededMonths
        self.failedMonths = failedMonths
    }

    public static let `default` = RetentionPolicy()

    /// History that ended before these instants is expired.
    public func cutoffs(now: Date) -> (succeeded: Date, failed: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt  // UTC without an ICU time-zone lookup
        let s = calendar.date(byAdding: .month, value: -succeededMonths, to: now)!
        let f = calendar.date(byAdding: .month, value: -failedMonths, to: now)!
        return (s, f)
    }
}
