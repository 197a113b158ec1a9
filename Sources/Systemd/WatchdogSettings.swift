import CSystemd

/// Reads the watchdog interval systemd asks for (`WatchdogSec=` → `WATCHDOG_USEC`), per sd_watchdog_enabled(3).
public enum WatchdogSettings {
    /// The interval within which systemd expects `WATCHDOG=1`, or nil when the watchdog is off or meant for another PID.
    public static func interval() -> Duration? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(clamping: microseconds))
    }
}
