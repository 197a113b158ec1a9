import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 peer on 127.0.0.1 over raw POSIX sockets that answers each connection with the next scripted reply,
/// byte for byte, so resets and truncated bodies are real.
final class LoopbackServer: @unchecked Sendable {
    enum Reply {
        /// Raw bytes written after reading the request, then the connection is closed.
        case raw(String)
        /// Close the connection without answering.
        case reset
    }

    let port: UInt16
    private let fd: Int32
    private let lock = NSLock()
    private var replies: [Reply]
    private var fallback: (String) -> Reply
    private(set) var requests: [String] = []
    private let exited = DispatchSemaphore(value: 0)

    init(replies: [Reply], fallback: @escaping (String) -> Reply = { _ in .reset }) throws {
        self.replies = replies
        self.fallback = fallback
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        precondition(bound == 0 && listen(fd, 16) == 0)
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        self.port = UInt16(bigEndian: addr.sin_port)
        self.fd = fd
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Stops accepting and returns once the listening socket is closed.
    ///
    /// Only the accept thread closes the socket: closing it here while that thread could still call accept() on the
    /// number would let it accept on whatever socket reuses the number next (another test's server or a curl socket).
    func stop() {
        shutdown(fd, Int32(SHUT_RDWR))
        _ = exited.wait(timeout: .now() + 5)
    }

    private func acceptLoop() {
        defer {
            close(fd)
            exited.signal()
        }
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            let request = readRequest(client)
            lock.lock()
            requests.append(request)
            let reply = replies.isEmpty ? fallback(request) : replies.removeFirst()
            lock.unlock()
            if case .raw(let text) = reply {
                let bytes = Array(text.utf8)
                _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            } else {
                // SO_LINGER 0 makes close send RST: a real connection reset.
                var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            }
            close(client)
        }
    }

    private func readRequest(_ client: Int32) -> String {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(client, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
            let text = String(decoding: data, as: UTF8.self)
            if let end = text.range(of: "\r\n\r\n") {
                let head = text[..<end.lowerBound].lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if text.utf8.count - text[..<end.upperBound].utf8.count >= length { break }
            }
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A complete response with Content-Length and Connection: close.
    static func response(_ status: Int, _ body: String, headers: [String] = []) -> Reply {
        .raw("HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n"
            + headers.map { $0 + "\r\n" }.joined() + "\r\n" + body)
    }
}
