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
