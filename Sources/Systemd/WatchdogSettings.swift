import CSystemd

/// The service manager's watchdog interval (WatchdogSec=), through sd_watchdog_enabled.
public enum WatchdogSettings {
    /// WATCHDOG_USEC as a duration when the watchdog is enabled for this process, else nil.
    public static func interval() -> Duration? {
        var usec: UInt64 = 0
        guard sd_watchdog_enabled(0, &usec) > 0, usec > 0 else { return nil }
        return .microseconds(Int64(clamping: usec))
    }
}
