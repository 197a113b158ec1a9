import Foundation
import Glibc
import InvSyncInterface
import Testing
import Varlink

/// Issue 6 item 2: hostile clients on the real daemon's control socket (random frames, a 10 MiB message, 100,000
/// levels of JSON nesting, invalid UTF-8, 1,000 connections at once, slow readers); after each the daemon still
/// answers GetStatus and its resident memory stays bounded.
@Suite(.serialized) struct ReliabilityControlFuzzTests {
    /// Runs blocking socket work on its own thread, so the cooperative pool stays free for the rest of the tests.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.stackSize = 1 << 22
            thread.start()
        }
    }

    /// The daemon's resident set in KiB, from /proc.
    static func rss(_ pid: pid_t) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return -1 }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? -1
    }

    /// GetStatus over a fresh connection with our own client, within 10 s: the server may still be closing the
    /// connections of the phase before (at its connection limit it turns new ones away at once), so it is asked again.
    static func answers(_ harness: DaemonHarness) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if await answersOnce(harness) { return true }
            try? await Task.sleep(for: .milliseconds(200))
        }
        return false
    }

    static func answersOnce(_ harness: DaemonHarness) async -> Bool {
        do {
            let client = try await VarlinkClient.connect(path: harness.socketPath)
            defer { Task { await client.close() } }
            let reply = try await client.call(DaemonInterface.Method.getStatus.qualified, parameters: [String: JSONValue](),
                                              returning: DaemonInterface.GetStatusReply.self)
            return !reply.version.isEmpty
        } catch {
            return false
        }
    }

    @Test func hostileClientsLeaveTheDaemonAnswering() async throws {
        let harness = try DaemonHarness()
        try harness.start()
        try await harness.notify.waitFor("READY=1")
        let pid = try #require(harness.process?.pid)
        let path = harness.socketPath
        let getStatus = ReliabilitySocket.call(DaemonInterface.Method.getStatus.qualified)
        #expect(await Self.answers(harness))
        let baseline = Self.rss(pid)
        var peak = baseline
        var report: [String] = []
        func check(_ phase: String) async {
            let alive = await Self.answers(harness)
            #expect(alive, "the daemon stopped answering after \(phase)")
            #expect(harness.process?.poll() == nil, "the daemon exited after \(phase): \(harness.log.suffix(2000))")
            let now = Self.rss(pid)
            peak = max(peak, now)
            report.append("\(phase): RSS \(now / 1024) MiB")
        }

        // 1. Random frames: random bytes with NULs sprinkled in, and mutated valid calls.
        let random = await Self.blocking { () -> Int in
            var closedByServer = 0
            for n in 0..<300 {
                guard let socket = try? ReliabilitySocket(path: path) else { continue }
                var bytes: [UInt8]
                if n % 2 == 0 {
                    bytes = (0..<Int.random(in: 1...8192)).map { _ in UInt8.random(in: 0...255) }
                } else {
                    bytes = getStatus
                    for _ in 0..<Int.random(in: 1...6) { bytes[Int.random(in: 0..<bytes.count)] = UInt8.random(in: 0...255) }
                }
                socket.send(bytes + [0])
                if n % 30 == 0 {
                    var timeout = timeval(tv_sec: 3, tv_usec: 0)
                    setsockopt(socket.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                    if socket.readToEnd().closed { closedByServer += 1 }
                }
            }
            return closedByServer
        }
        report.append("random frames: 300 connections, \(random) of 10 read to the end were closed by the server")
        await check("random frames")

        // 2. A 10 MiB message: a valid call whose one string is 10 MiB (the limit is 1 MiB).
        let oversize = await Self.blocking { () -> (Bool, Bool) in
            guard let socket = try? ReliabilitySocket(path: path) else { return (false, false) }
            let head = Array("{\"method\":\"io.invsync.Daemon.GetStatus\",\"parameters\":{\"x\":\"".utf8)
            let sent = socket.send(head + [UInt8](repeating: UInt8(ascii: "a"), count: 10 << 20) + Array("\"}}".utf8) + [0])
            return (sent, socket.readToEnd().closed)
        }
        report.append("10 MiB message: fully sent \(oversize.0), closed by the server \(oversize.1)")
        #expect(oversize.1, "the server kept a connection that sent 10 MiB")
        await check("10 MiB message")

        // 3. 100,000 levels of nesting (200 KB, under the size limit): must not overflow the parser's stack.
        let nested = await Self.blocking { () -> String in
            guard let socket = try? ReliabilitySocket(path: path) else { return "no connection" }
            let depth = 100_000
            let body = Array("{\"method\":\"io.invsync.Daemon.GetStatus\",\"parameters\":{\"x\":".utf8)
                + [UInt8](repeating: UInt8(ascii: "["), count: depth) + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
                + Array("}}".utf8) + [0]
            socket.send(body)
            return socket.readMessage().map { String(decoding: $0.prefix(200), as: UTF8.self) } ?? "closed"
        }
        report.append("nesting 100,000: \(nested)")
        await check("deep nesting")
        // Objects nested as deep, too.
        _ = await Self.blocking { () -> Bool in
            guard let socket = try? ReliabilitySocket(path: path) else { return false }
            let depth = 100_000
            socket.send(Array("{\"method\":\"io.invsync.Daemon.GetStatus\",\"parameters\":".utf8)
                + Array(String(repeating: "{\"a\":", count: depth).utf8) + Array("1".utf8)
                + [UInt8](repeating: UInt8(ascii: "}"), count: depth) + Array("}".utf8) + [0])
            return socket.readMessage() != nil
        }
        await check("deep object nesting")

        // 4. Invalid UTF-8: in a parameter string, in the method name, an overlong encoding and a lone surrogate.
        let invalid: [[UInt8]] = [
            Array("{\"method\":\"io.invsync.Inventory.GetItem\",\"parameters\":{\"sku\":\"".utf8) + [0xFF, 0xFE, 0x80] + Array("\"}}".utf8) + [0],
            Array("{\"method\":\"io.invsync.Daemon.Get".utf8) + [0xC3, 0x28] + Array("Status\",\"parameters\":{}}".utf8) + [0],
            Array("{\"method\":\"io.invsync.Inventory.GetItem\",\"parameters\":{\"sku\":\"".utf8) + [0xC0, 0xAF] + Array("\"}}".utf8) + [0],
            Array("{\"method\":\"io.invsync.Inventory.GetItem\",\"parameters\":{\"sku\":\"\\ud800\"}}".utf8) + [0],
            Array("{\"method\":\"io.invsync.Inventory.GetItem\",\"parameters\":{\"sku\":\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"}}".utf8) + [0],
        ]
        let invalidReplies = await Self.blocking { () -> [String] in
            invalid.map { message in
                guard let socket = try? ReliabilitySocket(path: path) else { return "no connection" }
                socket.send(message)
                return socket.readMessage().map { String(decoding: $0.prefix(160), as: UTF8.self) } ?? "closed"
            }
        }
        report.append("invalid UTF-8: \(invalidReplies)")
        await check("invalid UTF-8")

        // 5. 1,000 connections at once, each asking GetStatus before any answer is read.
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        if limit.rlim_cur < 4096 { limit.rlim_cur = min(limit.rlim_max, 4096); setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) }
        // The server serves 512 connections at once (VarlinkServer.Limits.maxConnections) and closes the rest at
        // once: every connection is answered or closed, none left hanging.
        let many = await Self.blocking { () -> (connected: Int, answered: Int, closed: Int) in
            var sockets: [ReliabilitySocket] = []
            for _ in 0..<1000 { if let socket = try? ReliabilitySocket(path: path) { sockets.append(socket) } }
            for socket in sockets { socket.send(getStatus) }
            var answered = 0
            var closed = 0
            for socket in sockets {
                if let reply = socket.readMessage() {
                    if String(decoding: reply, as: UTF8.self).contains("\"version\"") { answered += 1 }
                } else if errno != EAGAIN && errno != EWOULDBLOCK {
                    closed += 1
                }
            }
            return (sockets.count, answered, closed)
        }
        report.append("1,000 connections: \(many.connected) connected, \(many.answered) answered, \(many.closed) closed by the server")
        #expect(many.connected == 1000)
        #expect(many.answered >= 500, "only \(many.answered) of \(many.connected) answered")
        #expect(many.answered + many.closed == many.connected, "\(many.connected - many.answered - many.closed) connections left hanging")
        await check("1,000 connections")

        // 6. Slow readers: clients that pipeline calls (and a streamed Start) and never read the replies. They stay
        // connected while others are served; the daemon must not buffer without bound.
        var slow = await Self.blocking { () -> [ReliabilitySocket] in
            var sockets: [ReliabilitySocket] = []
            for n in 0..<20 {
                guard let socket = try? ReliabilitySocket(path: path) else { continue }
                var timeout = timeval(tv_sec: 2, tv_usec: 0)
                setsockopt(socket.fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                if n == 0 {
                    socket.send(ReliabilitySocket.call(SyncInterface.Method.start.qualified, "{\"module\":\"orders\"}", more: true))
                }
                var pipelined: [UInt8] = []
                for _ in 0..<500 { pipelined += getStatus }
                for _ in 0..<10 { if !socket.send(pipelined) { break } }
                sockets.append(socket)
            }
            return sockets
        }
        try await Task.sleep(for: .seconds(2))
        await check("20 slow readers with 100,000 unread replies (connected)")
        let slowPeak = Self.rss(pid)
        #expect(slow.count == 20)
        slow.removeAll()
        try await Task.sleep(for: .seconds(1))
        await check("slow readers gone")

        #expect(peak - baseline < 100 * 1024, "RSS grew by \((peak - baseline) / 1024) MiB")
        harness.signal(SIGTERM)
        #expect(try await harness.waitForExit(timeout: .seconds(30)) == 0)
        print("[measure] reliability control fuzz: baseline RSS \(baseline / 1024) MiB, peak \(peak / 1024) MiB (slow readers \(slowPeak / 1024) MiB); " + report.joined(separator: "; "))
    }
}
