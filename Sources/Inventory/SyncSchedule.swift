import Foundation

/// Decides when a channel's next automatic sync runs, spread by a stable per-channel jitter (R6).
public struct SyncSchedule: Sendable, Hashable {
    public var interval: SyncInterval
    /// Fraction of the interval (0...1) over which channels are spread.
    public var jitterFraction: Double

    public init(interval: SyncInterval, jitterFraction: Double = 0.1) {
        self.interval = interval
        self.jitterFraction = min(max(jitterFraction, 0), 1)
    }

    /// The next run: at once if never run; otherwise last run + interval + a seed-derived offset in
    /// [0, jitterFraction × interval).
    public func nextRun(lastRun: Date?, seed: UInt64, now: Date) -> Date {
        guard let lastRun else { return now }
        return lastRun.addingTimeInterval(interval.seconds + offset(seed: seed))
    }

    /// The jitter offset in seconds for a seed.
    public func offset(seed: UInt64) -> Double {
        // Map the seed to [0, 1) with 53 bits of precision.
        let unit = Double(SyncSchedule.mix(seed) >> 11) / Double(UInt64(1) << 53)
        return unit * jitterFraction * interval.seconds
    }

    /// A seed stable across runs and processes (FNV-1a 64 of the UTF-8 name), unlike `hashValue`.
    public static func seed(for name: ChannelName) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in name.rawValue.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    /// splitmix64 finaliser so that similar names spread evenly.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
