import Glibc
import Logging

/// Tells the service manager about our state with the sd_notify protocol; every call is a no-op without `NOTIFY_SOCKET`.
///
/// The datagram is sent here rather than through libsystemd's `sd_notify()`, whose `sendmsg` blocks without a timeout
/// while the receiver's queue is full (`net.unix.max_dgram_qlen`, 10 by default): a supervisor that stops reading would
/// freeze whichever thread announces readiness or stopping, and with it the daemon's reaction to SIGTERM. The protocol
/// is systemd's documented, stable interface (sd_notify(3), "Standalone implementations"): one AF_UNIX datagram of
/// newline-separated assignments to the socket named by `NOTIFY_SOCKET` (a path, or `@name` in the abstract
/// namespace); the kernel attaches our credentials for the receiver. A full queue is waited for at most
/// `sendTimeout`; the message is then dropped and the call reports it.
public enum SystemdNotifier {
    /// How long a send waits for room in the service manager's queue before the message is dropped.
    public static let sendTimeout: Duration = .seconds(1)

    /// Whether a notification reached the notify socket.
    public enum Delivery: Equatable, Sendable {
        /// Sent, or nothing to do because no service manager asked for notifications.
        case delivered, unsupervised
        /// Not sent: the errno of the failure (EAGAIN when the queue stayed full for `sendTimeout`).
        case failed(errno: Int32)

        /// Logs a failed delivery as a warning (the service manager may now time the daemon out); silent otherwise.
        public func report(to logger: Logger, notification: String) {
            guard case .failed(let code) = self else { return }
            logger.warning("systemd notification not delivered", metadata: [
                "notification": "\(notification)", "errno": "\(code)", "error": "\(String(cString: strerror(code)))",
            ])
        }
    }

    /// `READY=1`: startup finished (Type=notify).
    @discardableResult
    public static func ready(status: String? = nil) -> Delivery {
        deliver("READY=1", status: status)
    }

    /// `RELOADING=1` with the `MONOTONIC_USEC` that Type=notify-reload (systemd ≥ 253) requires; older ones ignore it.
    @discardableResult
    public static func reloading(status: String? = nil) -> Delivery {
        deliver("RELOADING=1\nMONOTONIC_USEC=\(monotonicMicroseconds())", status: status)
    }

    /// `STOPPING=1`: graceful shutdown began.
    @discardableResult
    public static func stopping(status: String? = nil) -> Delivery {
        deliver("STOPPING=1", status: status)
    }

    /// `STATUS=…`: the one line `systemctl status` shows.
    @discardableResult
    public static func status(_ text: String) -> Delivery {
        deliver("STATUS=\(singleLine(text))", status: nil)
    }

    /// `WATCHDOG=1`: we are alive (WatchdogSec=).
    @discardableResult
    public static func watchdog() -> Delivery {
        deliver("WATCHDOG=1", status: nil)
    }

    /// Any assignments, e.g. `["ERRNO": "5"]`, sent in one datagram with keys sorted so the order is stable.
    @discardableResult
    public static func send(_ assignments: [String: String]) -> Delivery {
        guard !assignments.isEmpty else { return .delivered }
        let state = assignments.sorted { $0.key < $1.key }
            .map { "\($0.key)=\(singleLine($0.value))" }
            .joined(separator: "\n")
        return deliver(state, status: nil)
    }

    private static func deliver(_ state: String, status: String?) -> Delivery {
        var message = state
        if let status { message += "\nSTATUS=\(singleLine(status))" }
        guard let target = getenv("NOTIFY_SOCKET").map({ String(cString: $0) }), !target.isEmpty else {
            return .unsupervised
        }
        return send(Array(message.utf8), to: target)
    }

    /// Sends one datagram over a socket connected to `target`, so that poll(2) reports room in the receiver's queue.
    private static func send(_ bytes: [UInt8], to target: String) -> Delivery {
        guard target.hasPrefix("/") || target.hasPrefix("@") else { return .failed(errno: EAFNOSUPPORT) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var path = Array(target.utf8)
        let abstract = path.first == UInt8(ascii: "@")
        if abstract { path[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.count < capacity else { return .failed(errno: ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.enumerated() { raw[index] = byte }
        }
        // An abstract name's length is exact; a path's includes its terminating NUL.
        let length = socklen_t(MemoryLayout<sa_family_t>.size + path.count + (abstract ? 0 : 1))
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return .failed(errno: errno) }
        defer { close(descriptor) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, length) }
        }
        guard connected == 0 else { return .failed(errno: errno) }
        let deadline = ContinuousClock.now + sendTimeout
        while true {
            let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT | MSG_NOSIGNAL)) }
            if sent >= 0 { return .delivered }
            let failure = errno
            guard failure == EAGAIN || failure == EINTR else { return .failed(errno: failure) }
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return .failed(errno: EAGAIN) }
            var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            let milliseconds = Int32(max(1, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            _ = poll(&poller, 1, milliseconds)
        }
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
