import Foundation
import Glibc
import InvSyncInterface
import Testing
import Varlink

/// The built invsyncd as a process: readiness, watchdog, reload, stop, refusal of bad configs. R35, R36.
@Suite(.serialized) struct DaemonProcessTests {
    // R35: READY=1 only once migrated and listening; STATUS= meaningful; control socket mode 0660.
    @Test func becomesReadyAndAnswersGetStatus() async throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        let ready = try await daemon.notify.waitFor("READY=1")
        #expect(ready.contains("STATUS=Serving 1 channel"))
        var info = stat()
        #expect(stat(daemon.socketPath, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o660)
        #expect(FileManager.default.fileExists(atPath: daemon.directory + "/state/invsyncd.sqlite"))

        let client = try await VarlinkClient.connect(path: daemon.socketPath)
        let status = try await client.call(
            DaemonInterface.Method.getStatus.qualified, parameters: DaemonInterface.NoParameters(),
            returning: DaemonInterface.GetStatusReply.self)
        await client.close()
        #expect(status.state == .running)
        #expect(status.channels.map(\.name) == ["amazon-us"])
        #expect(status.channels.first?.syncIntervalMinutes == 240)  // R6 default
        #expect(status.channels.first?.marketplace == "US")

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        #expect(daemon.notify.messages.contains { $0.contains("STOPPING=1") })
    }

    // R35, R36: a supervisor that stops reading its notify socket must not freeze the daemon. With libsystemd's
    // sd_notify() the 11th restart against one unread socket blocked in sendmsg forever: no "daemon ready", no stop
    // on SIGTERM. Now the notification is dropped after a bounded wait, with a warning, and the daemon carries on.
    @Test func aSupervisorThatStopsReadingNeitherBlocksStartNorStop() async throws {
        let daemon = try DaemonHarness()
        let queued = try Self.fillQueue(of: daemon.notify.path)
        #expect(queued >= 1)
        try daemon.start()
        try await Self.waitForLog(daemon, containing: "daemon ready")
        #expect(daemon.log.contains("systemd notification not delivered"))
        let client = try await VarlinkClient.connect(path: daemon.socketPath)
        let status = try await client.call(
            DaemonInterface.Method.getStatus.qualified, parameters: DaemonInterface.NoParameters(),
            returning: DaemonInterface.GetStatusReply.self)
        await client.close()
        #expect(status.state == .running)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(15)) == 0)
        #expect(daemon.log.contains("daemon stopped"))
    }

    /// Sends datagrams to `path` until the receiver's queue is full; returns how many it took.
    static func fillQueue(of path: String) throws -> Int {
        let sender = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard sender >= 0 else { throw TestFailure("socket failed") }
        defer { close(sender) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(sender, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { throw TestFailure("connect to \(path) failed: errno \(errno)") }
        var count = 0
        while count < 100_000, send(sender, "STATUS=filler", 13, Int32(MSG_DONTWAIT)) == 13 { count += 1 }
        return count
    }

    static func waitForLog(_ daemon: DaemonHarness, containing text: String, timeout: Duration = .seconds(20)) async throws {
        let deadline = ContinuousClock.now + timeout
        while !daemon.log.contains(text) {
            guard ContinuousClock.now < deadline else { throw TestFailure("no \"\(text)\" in the log within \(timeout): \(daemon.log.suffix(2000))") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    // R35: WATCHDOG=1 at half of WATCHDOG_USEC; a stopped loop stops feeding it.
    @Test func feedsTheWatchdogAtHalfTheInterval() async throws {
        let daemon = try DaemonHarness()
        try daemon.start(environment: ["WATCHDOG_USEC": "1000000"])
        try await daemon.notify.waitFor("READY=1")
        let before = daemon.notify.messages.filter { $0.contains("WATCHDOG=1") }.count
        let started = ContinuousClock.now
        try await Task.sleep(for: .seconds(2.5))
        let elapsed = ContinuousClock.now - started
        let pings = daemon.notify.messages.filter { $0.contains("WATCHDOG=1") }.count - before
        // One ping every 500 ms; the bounds allow for a loaded machine.
        let expected = Int(elapsed / .milliseconds(500))
        #expect((expected - 2...expected + 2).contains(pings), "expected about \(expected) pings in \(elapsed), got \(pings)")
        daemon.signal(SIGSTOP)
        // Let a datagram already in flight arrive, then nothing more may come while the daemon is stopped.
        try await Task.sleep(for: .milliseconds(100))
        let whileStopped = daemon.notify.messages.count
        try await Task.sleep(for: .seconds(1.2))
        #expect(daemon.notify.messages.count == whileStopped)
        daemon.signal(SIGCONT)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    // R35: SIGHUP and Reload share one path: RELOADING=1 + MONOTONIC_USEC, then READY=1.
    @Test func sighupReloadsTheConfiguration() async throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        try await daemon.notify.waitFor("READY=1")
        let count = daemon.notify.messages.count
        try daemon.writeConfig(channels: DaemonHarness.usChannel + "\n\n" + DaemonHarness.usChannel.replacingOccurrences(of: "amazon-us", with: "amazon-uk").replacingOccurrences(of: "\"US\"", with: "\"UK\""))
        daemon.signal(SIGHUP)
        let reloading = try await daemon.notify.waitFor("RELOADING=1", after: count)
        let monotonic = reloading.split(separator: "\n").first { $0.hasPrefix("MONOTONIC_USEC=") }
        #expect(monotonic != nil)
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let usec = UInt64(monotonic!.dropFirst("MONOTONIC_USEC=".count)) ?? 0
        let nowUsec = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
        #expect(usec <= nowUsec && nowUsec - usec < 10_000_000)
        try await daemon.notify.waitFor("READY=1", after: count)

        let result = try await daemon.ctl(["status", "--json"])
        #expect(result.status == 0)
        let status = try JSONDecoder().decode(DaemonInterface.GetStatusReply.self, from: Data(result.out.utf8))
        #expect(status.channels.map(\.name).sorted() == ["amazon-uk", "amazon-us"])
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    // R36: an invalid file at reload is refused, named, and the daemon keeps running on the old one.
    @Test func reloadOfABadConfigurationIsRefusedAndTheDaemonKeepsRunning() async throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        try await daemon.notify.waitFor("READY=1")
        try daemon.writeConfig(channels: DaemonHarness.usChannel.replacingOccurrences(of: "\"US\"", with: "\"DE\""))
        let refused = try await daemon.ctl(["reload"])
        #expect(refused.status == 1)
        #expect(refused.err.contains("io.invsync.Daemon.InvalidConfiguration"))
        #expect(refused.err.contains("channel[1].marketplace"))
        let status = try await daemon.ctl(["status"])
        #expect(status.status == 0)
        #expect(status.out.contains("amazon-us"))

        try daemon.writeConfig(channels: DaemonHarness.usChannel, logLevel: "debug")
        let accepted = try await daemon.ctl(["reload"])
        #expect(accepted.status == 0)
        #expect(accepted.out.contains("log level info → debug"))
        daemon.signal(SIGINT)
        #expect(try await daemon.waitForExit() == 0)
    }

    // R36: a bad config → non-zero exit, problems with lines, no socket.
    @Test func refusesToStartOnABadConfiguration() async throws {
        let daemon = try DaemonHarness(channels: DaemonHarness.usChannel + "\nclient_secret = \"inline\"")
        try daemon.start()
        let status = try await daemon.waitForExit()
        #expect(status == 78)
        #expect(daemon.log.contains("channel[1].client_secret"))
        #expect(daemon.log.contains("line 22"))
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
        #expect(!daemon.notify.messages.contains { $0.contains("READY=1") })
    }

    @Test func checkConfigReportsEveryProblem() async throws {
        let daemon = try DaemonHarness(channels: DaemonHarness.usChannel.replacingOccurrences(of: "\"US\"", with: "\"FR\"") + "\ncolour = 1")
        let bad = try await DaemonHarness.run(DaemonHarness.binary("invsyncd"), ["--check-config", "--config", daemon.configPath])
        #expect(bad.status == 78)
        #expect(bad.err.contains("line 15: channel[1].marketplace"))
        #expect(bad.err.contains("line 22: channel[1].colour"))
        #expect(bad.err.contains("2 problems"))
        try daemon.writeConfig(channels: DaemonHarness.usChannel)
        let good = try await DaemonHarness.run(DaemonHarness.binary("invsyncd"), ["--check-config", "--config", daemon.configPath])
        #expect(good.status == 0)
        #expect(good.out.contains("configuration OK (1 channel"))
    }

    // CONTROL.md exit codes: 0 ok, 1 refused, 2 usage, 3 unreachable; log-level changes the level.
    @Test func invsyncctlExitCodes() async throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        try await daemon.notify.waitFor("READY=1")
        #expect(try await daemon.ctl(["status"]).status == 0)
        #expect(try await daemon.ctl(["log-level", "debug"]).status == 0)
        #expect(try await daemon.ctl(["status", "--json"]).out.contains("\"logLevel\" : \"debug\""))
        #expect(try await daemon.ctl(["log-level", "chatty"]).status == 2)
        #expect(try await daemon.ctl(["no-such-command"]).status == 2)
        let unreachable = try await daemon.ctl(["status"], socket: daemon.directory + "/nothing.sock")
        #expect(unreachable.status == 3)
        #expect(unreachable.err.contains("cannot reach invsyncd"))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    // SO_PEERCRED: the control group may read, not write; others cannot even connect to the 0660 socket.
    @Test func controlGroupMayReadButNotWrite() async throws {
        guard let group = getgrgid(65534) else { return }
        let name = String(cString: group.pointee.gr_name)
        let daemon = try DaemonHarness(daemonExtra: "control_group = \"\(name)\"")
        try daemon.start()
        try await daemon.notify.waitFor("READY=1")
        let read = try await daemon.ctl(["status"], runAs: 65534)
        #expect(read.status == 0, "\(read.err)")
        let write = try await daemon.ctl(["reload"], runAs: 65534)
        #expect(write.status == 1)
        #expect(write.err.contains("io.invsync.Daemon.PermissionDenied"))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }

    // Socket activation: systemd-socket-activate passes the listening socket as fd 3.
    @Test func usesTheSocketSystemdPasses() async throws {
        let activate = "/usr/bin/systemd-socket-activate"
        guard FileManager.default.isExecutableFile(atPath: activate) else { return }
        let daemon = try DaemonHarness()
        let activated = daemon.directory + "/activated.sock"
        try daemon.start(
            arguments: ["-l", activated, "-E", "NOTIFY_SOCKET", DaemonHarness.binary("invsyncd"), "--config", daemon.configPath],
            executable: activate)
        // The daemon starts on the first connection.
        try await Task.sleep(for: .milliseconds(300))
        let result = try await daemon.ctl(["status", "--json"], socket: activated)
        #expect(result.status == 0, "\(result.err)\n\(daemon.log)")
        #expect(result.out.contains("amazon-us"))
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }
}
