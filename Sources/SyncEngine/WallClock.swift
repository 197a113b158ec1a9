import Foundation

/// The time the engine schedules against: wall time, because a channel's next sync is stored and outlives restarts.
///
/// Swift's `Clock` measures durations on instants that mean nothing after a restart; schedules here are
/// dates in the database, so services take this instead and tests drive a manual one.
public protocol WallClock: Sendable {
    func now() -> Date
    /// Sleeps until `date` (returns at once if it has passed); throws `CancellationError` when cancelled.
    func sleep(until date: Date) async throws
}

/// The system's wall clock.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(until date: Date) async throws {
        let seconds = date.timeIntervalSinceNow
        if seconds > 0 { try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up)))) }
    }
}
