import Foundation
import Glibc

/// A real AF_UNIX datagram socket standing in for systemd's notify socket, as TESTING.md describes.
final class NotifyListener {
    let path: String
    private let descriptor: Int32

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock").path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno)!) }
        var on: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_PASSCRED, &on, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else { throw POSIXError(.init(rawValue: errno)!) }
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// The next datagram, or nil when none arrives within `timeout`.
    func receive(timeout: Duration) -> String? {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&poller, 1, milliseconds) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    /// Every datagram that arrives within `window`.
    func receiveAll(for window: Duration) -> [String] {
        let end = ContinuousClock.now + window
        var messages: [String] = []
        while ContinuousClock.now < end {
            if let message = receive(timeout: max(.milliseconds(1), end - ContinuousClock.now)) { messages.append(message) }
        }
        return messages
    }
}
