import Foundation

/// How long sync history is kept (R12): successful one month, failed (and partial) two months.
public struct RetentionPolicy: Sendable, Hashable {
    public var succeededMonths: Int
    public var failedMonths: Int

    public static let standard = RetentionPolicy(succeededMonths: 1, failedMonths: 2)

    public init(succeededMonths: Int, failedMonths: Int) {
        self.succeededMonths = succeededMonths
        self.failedMonths = failedMonths
    }

    /// Tasks that ended before these instants are deleted; calendar months in UTC.
    public func cutoffs(now: Date) -> (succeeded: Date, failed: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let succeeded = calendar.date(byAdding: .month, value: -succeededMonths, to: now)!
        let failed = calendar.date(byAdding: .month, value: -failedMonths, to: now)!
        return (succeeded, failed)
    }
}
