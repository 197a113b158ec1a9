/// How often a channel's automatic sync runs (R6): 30 to 240 minutes in steps of 30.
public struct SyncInterval: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let minutes: Int

    public static let allowedMinutes: [Int] = [30, 60, 90, 120, 150, 180, 210, 240]
    public static let `default` = SyncInterval(unchecked: 240)

    /// Errors raised for an interval that is not allowed.
    public enum ValidationError: Error, Equatable, CustomStringConvertible {
        case notAllowed(Int)
        public var description: String {
            switch self {
            case .notAllowed(let m):
                "sync interval \(m) minutes is not allowed: use one of 30, 60, 90, 120, 150, 180, 210, 240"
            }
        }
    }

    public init(minutes: Int) throws(ValidationError) {
        guard SyncInterval.allowedMinutes.contains(minutes) else { throw .notAllowed(minutes) }
        self.minutes = minutes
    }

    private init(unchecked minutes: Int) { self.minutes = minutes }

    public var seconds: Double { Double(minutes) * 60 }
    public var description: String { "\(minutes)m" }
    public static func < (a: SyncInterval, b: SyncInterval) -> Bool { a.minutes < b.minutes }
}
