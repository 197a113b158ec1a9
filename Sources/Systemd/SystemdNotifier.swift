import CSystemd
import Glibc

/// Tells the service manager about the daemon's state through sd_notify; does nothing outside systemd.
public enum SystemdNotifier {
    /// READY=1: the database is migrated and the control socket listens (or, after a reload, the reload is done).
    public static func ready(status: String? = nil) {
        send(["READY=1"] + statusLine(status))
    }

    /// RELOADING=1 with MONOTONIC_USEC, as Type=notify-reload expects and Type=notify accepts.
    public static func reloading(status: String? = nil) {
        send(["RELOADING=1", "MONOTONIC_USEC=\(monotonicMicroseconds())"] + statusLine(status))
    }

    /// STOPPING=1: a graceful shutdown has begun.
    public static func stopping(status: String? = nil) {
        send(["STOPPING=1"] + statusLine(status))
    }

    /// STATUS=: one line shown by `systemctl status`.
    public static func status(_ text: String) {
        send(statusLine(text))
    }

    /// WATCHDOG=1: the main loop is alive.
    public static func watchdog() {
        send(["WATCHDOG=1"])
    }

    /// Sends raw `KEY=VALUE` assignments.
    public static func send(_ assignments: [String]) {
        guard !assignments.isEmpty else { return }
        // Newlines inside a value would split it into bogus assignments.
        let message = assignments.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n")
        _ = sd_notify(0, message)
    }

    /// CLOCK_MONOTONIC in microseconds.
    public static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
    }

    private static func statusLine(_ status: String?) -> [String] {
        status.map { ["STATUS=\($0)"] } ?? []
    }
}
