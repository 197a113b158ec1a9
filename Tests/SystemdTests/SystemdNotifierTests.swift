import Glibc
import Testing
@testable import Systemd

extension ProcessEnvironmentTests {
    @Test func notifierSendsEachStateAsOneDatagram() throws {
        let listener = try NotifyListener()
        setenv("NOTIFY_SOCKET", listener.path, 1)
        defer { unsetenv("NOTIFY_SOCKET") }

        SystemdNotifier.ready(status: "Serving 2 channels")
        #expect(listener.receive(timeout: .seconds(2)) == "READY=1\nSTATUS=Serving 2 channels")

        SystemdNotifier.status("Syncing amazon-us")
        #expect(listener.receive(timeout: .seconds(2)) == "STATUS=Syncing amazon-us")

        SystemdNotifier.status("two\nlines")
        #expect(listener.receive(timeout: .seconds(2)) == "STATUS=two lines")

        let before = SystemdNotifier.monotonicMicroseconds()
        SystemdNotifier.reloading(status: "Reloading configuration")
        let reloading = try #require(listener.receive(timeout: .seconds(2)))
        let after = SystemdNotifier.monotonicMicroseconds()
        let lines = reloading.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first == "RELOADING=1")
        #expect(lines.last == "STATUS=Reloading configuration")
        let stamp = try #require(lines.dropFirst().first.flatMap { $0.hasPrefix("MONOTONIC_USEC=") ? UInt64($0.dropFirst(15)) : nil })
        #expect(stamp >= before && stamp <= after)

        SystemdNotifier.stopping()
        #expect(listener.receive(timeout: .seconds(2)) == "STOPPING=1")

        SystemdNotifier.watchdog()
        #expect(listener.receive(timeout: .seconds(2)) == "WATCHDOG=1")

        SystemdNotifier.send(["STATUS": "Failed", "ERRNO": "5"])
        #expect(listener.receive(timeout: .seconds(2)) == "ERRNO=5\nSTATUS=Failed")

        #expect(listener.receive(timeout: .milliseconds(100)) == nil)
    }

    @Test func notifierIsSilentWithoutNotifySocket() throws {
        let listener = try NotifyListener()
        unsetenv("NOTIFY_SOCKET")
        SystemdNotifier.ready()
        SystemdNotifier.watchdog()
        #expect(listener.receive(timeout: .milliseconds(200)) == nil)
    }
}

extension ProcessEnvironmentTests {
    /// A service manager that stops reading must not freeze the daemon: libsystemd's sd_notify() blocked forever here,
    /// and a daemon restarted 11 times against one unread socket never announced readiness nor obeyed SIGTERM.
    @Test func notifierGivesUpOnAFullQueueInsteadOfBlocking() throws {
        let listener = try NotifyListener()
        setenv("NOTIFY_SOCKET", listener.path, 1)
        defer { unsetenv("NOTIFY_SOCKET") }
        var queued = 0
        while queued < 10_000, case .delivered = SystemdNotifier.status("filler \(queued)") { queued += 1 }
        #expect(queued >= 1 && queued < 10_000, "the receiver's queue never filled (\(queued) datagrams)")
        let began = ContinuousClock.now
        let delivery = SystemdNotifier.ready(status: "Serving 1 channel")
        let waited = ContinuousClock.now - began
        #expect(delivery == .failed(errno: EAGAIN))
        #expect(waited < SystemdNotifier.sendTimeout * 3, "the send waited \(waited)")
        // Once the manager reads again, notifications get through.
        #expect(listener.receive(timeout: .seconds(1)) == "STATUS=filler 0")
        #expect(SystemdNotifier.ready() == .delivered)
    }

    @Test func notifierReachesAnAbstractSocketAndRejectsOtherAddresses() throws {
        let name = "invsync-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let receiver = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #expect(receiver >= 0)
        defer { close(receiver) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = [UInt8(0)] + Array(name.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(receiver, $0, socklen_t(MemoryLayout<sa_family_t>.size + bytes.count))
            }
        }
        #expect(bound == 0)
        setenv("NOTIFY_SOCKET", "@" + name, 1)
        defer { unsetenv("NOTIFY_SOCKET") }
        #expect(SystemdNotifier.stopping() == .delivered)
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = recv(receiver, &buffer, buffer.count, Int32(MSG_DONTWAIT))
        #expect(count > 0 && String(decoding: buffer[..<max(count, 0)], as: UTF8.self) == "STOPPING=1")

        setenv("NOTIFY_SOCKET", "vsock:2:1234", 1)
        #expect(SystemdNotifier.ready() == .failed(errno: EAFNOSUPPORT))
        unsetenv("NOTIFY_SOCKET")
        #expect(SystemdNotifier.ready() == .unsupervised)
    }
}
