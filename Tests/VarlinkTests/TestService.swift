import Foundation
import Logging
import Varlink
#if canImport(Glibc)
import Glibc
#endif

/// The test interface: echo, a streaming counter, a oneway recorder and an authorisation check on the peer.
struct TestInterfaceHandler: VarlinkInterfaceHandler {
    static let idl = """
    # A test interface.
    interface org.example.test

    type Colour (red, green, blue)

    type Item (
      name: string,
      count: int,
      tags: ?[]string,
      extra: ?[string]float,
      nested: ?(inner: bool, mode: (fast, slow))
    )

    # Echoes its input.
    method Echo(item: Item, colour: Colour, note: ?string) -> (item: Item, colour: Colour, note: ?string)

    method Count(limit: int) -> (value: int)

    method Record(text: string) -> ()

    method Recorded() -> (texts: []string)

    method WhoAmI() -> (uid: int, gid: int, pid: int)

    method Slow(milliseconds: int) -> ()

    error Nope (why: string)
    """

    struct Item: Codable, Sendable, Equatable {
        var name: String
        var count: Int
        var tags: [String]?
        var extra: [String: Double]?
    }
    struct EchoParameters: Codable, Sendable, Equatable {
        var item: Item
        var colour: String
        var note: String?
    }
    struct CountParameters: Codable, Sendable { var limit: Int }
    struct CountReply: Codable, Sendable, Equatable { var value: Int }
    struct RecordParameters: Codable, Sendable { var text: String }
    struct RecordedReply: Codable, Sendable { var texts: [String] }
    struct WhoAmIReply: Codable, Sendable { var uid: UInt32; var gid: UInt32; var pid: Int32 }
    struct SlowParameters: Codable, Sendable { var milliseconds: Int }

    let interface = try! VarlinkInterface(parsing: idl)
    let recorded = RecordedTexts()

    func handle(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws {
        switch call.method {
        case "Echo":
            try await replies.send(try call.decode(EchoParameters.self), continues: false)
        case "Count":
            guard call.more else { throw VarlinkError.expectedMore }
            let limit = try call.decode(CountParameters.self).limit
            for value in 1...limit { try await replies.send(CountReply(value: value), continues: value < limit) }
        case "Record":
            recorded.append(try call.decode(RecordParameters.self).text)
            try await replies.send(VarlinkEmpty(), continues: false)
        case "Recorded":
            try await replies.send(RecordedReply(texts: recorded.all), continues: false)
        case "WhoAmI":
            try await replies.send(WhoAmIReply(uid: call.peer.uid, gid: call.peer.gid, pid: call.peer.pid), continues: false)
        case "Slow":
            try await Task.sleep(for: .milliseconds(try call.decode(SlowParameters.self).milliseconds))
            try await replies.send(VarlinkEmpty(), continues: false)
        default:
            throw VarlinkError.methodNotImplemented(call.method)
        }
    }
}

final class RecordedTexts: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String] = []
    func append(_ text: String) { lock.withLock { texts.append(text) } }
    var all: [String] { lock.withLock { texts } }
}

/// A running server on a socket in a fresh temporary directory; stopped by `stop()`.
struct RunningServer {
    let directory: String
    let path: String
    let task: Task<Void, Error>

    static func start(limits: VarlinkServer.Limits = .init()) throws -> RunningServer {
        let socket = try TestServerSocket("test")
        // World-searchable so a child process under another uid can reach the socket.
        chmod(socket.directory, 0o755)
        let server = try socket.server([TestInterfaceHandler()], limits: limits, mode: 0o666)
        let task = Task { try await server.run() }
        return RunningServer(directory: socket.directory, path: socket.path, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// A raw blocking socket for sending exactly the bytes a test intends.
final class RawSocket {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(path: String, receiveTimeoutSeconds: Int = 10) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
        var timeout = timeval(tv_sec: receiveTimeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    @discardableResult
    func write(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    func write(_ text: String) { write(Array(text.utf8) + [0]) }

    /// The next NUL-terminated message as a JSON object, or nil on EOF/timeout.
    func readMessage() -> [String: Any]? {
        while true {
            if let nul = buffer.firstIndex(of: 0) {
                let data = Data(buffer[..<nul])
                buffer.removeSubrange(...nul)
                return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[..<n])
        }
    }

    /// True when the peer closed the connection (recv returns 0 or ECONNRESET) within the timeout.
    func isClosedByPeer() -> Bool {
        while true {
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return true }
            if n < 0 { return errno == ECONNRESET || errno == EPIPE }
        }
    }
}
