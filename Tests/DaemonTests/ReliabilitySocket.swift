import Foundation
import Glibc

/// A raw Unix stream socket to the control socket, for hostile clients: sends any bytes, reads with a deadline.
final class ReliabilitySocket: @unchecked Sendable {
    let fd: Int32

    init(path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8.prefix(raw.count - 1))
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw TestFailure("connect: errno \(code)")
        }
        // Never hang on a server that stopped reading or answering.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Sends every byte; returns false when the server closed or stopped reading (EPIPE, ECONNRESET, timeout).
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    /// Reads until a NUL (one Varlink message, returned without it), the server closes (nil) or the timeout.
    func readMessage() -> [UInt8]? {
        var data: [UInt8] = []
        errno = 0
        var byte = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &byte, byte.count, 0)
            if n <= 0 { return nil }
            data += byte[0..<n]
            if let end = data.firstIndex(of: 0) { return Array(data[..<end]) }
        }
    }

    /// Reads until the server closes or the timeout passes; returns what came and whether it closed.
    func readToEnd(limit: Int = 1 << 20) -> (bytes: [UInt8], closed: Bool) {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while data.count < limit {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { return (data, true) }
            if n < 0 { return (data, errno == ECONNRESET) }
            data += buffer[0..<n]
        }
        return (data, false)
    }

    static func call(_ method: String, _ parameters: String = "{}", more: Bool = false) -> [UInt8] {
        Array("{\"method\":\"\(method)\",\"parameters\":\(parameters)\(more ? ",\"more\":true" : "")}".utf8) + [0]
    }
}
