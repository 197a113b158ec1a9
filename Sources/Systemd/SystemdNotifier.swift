import CSystemd
import Glibc

/// Tells the service manager about our state through sd_notify(3); every call is a no-op without `NOTIFY_SOCKET`.
public enum SystemdNotifier {
    /// `READY=1`: startup finished (Type=notify).
    public static func ready(status: String? = nil) {
        deliver("READY=1", status: status)
    }

    /// `RELOADING=1` with the `MONOTONIC_USEC` that Type=notify-reload (systemd ≥ 253) requires; older ones ignore it.
    public static func reloading(status: String? = nil) {
        deliver("RELOADING=1\nMONOTONIC_USEC=\(monotonicMicroseconds())", status: status)
    }

    /// `STOPPING=1`: graceful shutdown began.
    public static func stopping(status: String? = nil) {
        deliver("STOPPING=1", status: status)
    }

    /// `STATUS=…`: the one line `systemctl status` shows.
    public static func status(_ text: String) {
        deliver("STATUS=\(singleLine(text))", status: nil)
    }

    /// `WATCHDOG=1`: we are alive (WatchdogSec=).
    public static func watchdog() {
        deliver("WATCHDOG=1", status: nil)
    }

    /// Any assignments, e.g. `["ERRNO": "5"]`, sent in one datagram with keys sorted so the order is stable.
    public static func send(_ assignments: [String: String]) {
        guard !assignments.isEmpty else { return }
        let state = assignments.sorted { $0.key < $1.key }
            .map { "\($0.key)=\(singleLine($0.value))" }
            .joined(separator: "\n")
        deliver(state, status: nil)
    }

    private static func deliver(_ state: String, status: String?) {
        var message = state
        if let status { message += "\nSTATUS=\(singleLine(status))" }
        // The result is deliberately ignored: being unsupervised (0) or failing to notify must not stop the daemon.
        _ = sd_notify(0, message)
    }

    /// A newline would start a new assignment, so values are kept on one line.
    private static func singleLine(_ text: String) -> String {
        text.contains(where: \.isNewline) ? String(text.map { $0.isNewline ? " " : $0 }) : text
    }

    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
