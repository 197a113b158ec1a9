/// A channel's automatic sync cycle (R6): 30 min to 4 h in steps of 30 min; default 4 h.
public struct SyncInterval: Sendable, Hashable, Codable, CustomStringConvertible {
    public let minutes: Int

    /// Every value R6 allows, in minutes.
    public static let allowedMinutes = [30, 60, 90, 120, 150, 180, 210, 240]
    public static let `default` = SyncInterval(unchecked: 240)

    public init(minutes: Int) throws(SyncIntervalError) {
        guard Self.allowedMinutes.contains(minutes) else { throw SyncIntervalError(minutes: minutes) }
        self.minutes = minutes
    }

    private init(unchecked minutes: Int) { self.minutes = minutes }

    public var duration: Duration { .seconds(minutes * 60) }

    public var description: String {
        let hours = minutes / 60, rest = minutes % 60
        if hours == 0 { return "\(rest) min" }
        return rest == 0 ? "\(hours) h" : "\(hours) h \(rest)"
    }
}

/// A sync interval R6 does not allow.
public struct SyncIntervalError: Error, Sendable, Equatable, CustomStringConvertible {
    public let minutes: Int
    public var description: String {
        "\(minutes) minutes is not an allowed sync interval; use one of \(SyncInterval.allowedMinutes.map(String.init).joined(separator: ", ")) minutes"
    }
}
