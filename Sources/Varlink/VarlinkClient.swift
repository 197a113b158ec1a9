import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A Varlink client over a Unix socket; calls on one client run one after another, as the protocol requires.
public final class VarlinkClient: Sendable {
    private let connection: ClientSocket
    /// Serialises whole exchanges (request plus all replies) so calls never interleave on the socket.
    private let queue = DispatchQueue(label: "varlink.client")

    private init(connection: ClientSocket) {
        self.connection = connection
    }

    /// Connects to the Varlink socket at `path`.
    public static func connect(path: String) async throws -> VarlinkClient {
        let socket = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ClientSocket, Error>) in
            DispatchQueue.global().async { continuation.resume(with: Result { try ClientSocket(path: path) }) }
        }
        return VarlinkClient(connection: socket)
    }

    /// Calls `method` (fully qualified) and decodes its single reply; an error reply is thrown as `VarlinkError`.
    public func call<R: Decodable>(_ method: String, parameters: some Encodable & Sendable, returning: R.Type) async throws -> R {
        let request = try Self.request(method, parameters: parameters, more: false, oneway: false)
        let reply: Data = try await withCheckedThrowingContinuation { continuation in
            queue.async { [connection] in
                continuation.resume(with: Result {
                    try connection.send(request)
                    return try connection.receive()
                })
            }
        }
        return try Self.decode(reply, as: R.self).value
    }

    /// Calls `method` with `more: true`; the stream yields each reply and ends after the one without `continues`.
    public func callMore<R: Decodable & Sendable>(_ method: String, parameters: some Encodable & Sendable, returning: R.Type) -> AsyncThrowingStream<R, Error> {
        AsyncThrowingStream { continuation in
            do {
                let request = try Self.request(method, parameters: parameters, more: true, oneway: false)
                queue.async { [connection] in
                    do {
                        try connection.send(request)
                        while true {
                            let (value, continues) = try Self.decode(connection.receive(), as: R.self)
                            continuation.yield(value)
                            if !continues { break }
                        }
                        continuation.finish()
                    } catch {
                        continuation.finish(throwing: error)
                    }
                }
            } catch {
                continuation.finish(throwing: error)
            }
        }
    }

    /// Calls `method` with `oneway: true`; the service sends no reply.
    public func callOneway(_ method: String, parameters: some Encodable & Sendable) async throws {
        let request = try Self.request(method, parameters: parameters, more: false, oneway: true)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            queue.async { [connection] in continuation.resume(with: Result { try connection.send(request) }) }
        }
    }

    /// Closes the connection after any call in progress.
    public func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async { [connection] in
                connection.close()
                continuation.resume()
            }
        }
    }

    /// The request in one encoding pass (not through a `JSONValue` tree, which cost two more).
    private static func request(_ method: String, parameters: some Encodable, more: Bool, oneway: Bool) throws -> Data {
        try JSONEncoder().encode(CallRequest(method: method, parameters: parameters, more: more ? true : nil, oneway: oneway ? true : nil))
    }

    /// A reply decoded in one pass into the caller's type (issue 6: a GetStatus reply went JSON → `JSONValue` → JSON →
    /// type, three passes, which showed in the round trip while a sync kept both cores busy). An error reply is thrown
    /// as `VarlinkError`; a reply that is not a Varlink message as `malformedReply`; parameters of the wrong shape as
    /// the decoder's error.
    private static func decode<R: Decodable>(_ reply: Data, as type: R.Type) throws -> (value: R, continues: Bool) {
        let envelope: ReplyEnvelope<R>
        do {
            envelope = try JSONDecoder().decode(ReplyEnvelope<R>.self, from: reply)
        } catch let error as DecodingError where isOutsideParameters(error) {
            throw VarlinkClientError.malformedReply
        }
        switch envelope.outcome {
        case .value(let value): return (value, envelope.continues)
        case .error(let error): throw error
        }
    }

    /// Whether a decoding error is about the reply's frame rather than its parameters.
    private static func isOutsideParameters(_ error: DecodingError) -> Bool {
        let path: [any CodingKey]
        switch error {
        case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c): path = c.codingPath
        @unknown default: return true
        }
        return path.first?.stringValue != "parameters"
    }
}

/// A call as it goes on the wire; `more` and `oneway` only when set.
private struct CallRequest<P: Encodable>: Encodable {
    var method: String
    var parameters: P
    var more: Bool?
    var oneway: Bool?
}

/// A reply decoded in one pass: the parameters as the caller's type, or the error with its parameters.
private struct ReplyEnvelope<R: Decodable>: Decodable {
    enum Outcome {
        case value(R)
        case error(VarlinkError)
    }

    var outcome: Outcome
    var continues: Bool

    private enum Key: String, CodingKey { case parameters, error, continues }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        continues = (try? container.decodeIfPresent(Bool.self, forKey: .continues)) == true
        if let name = try container.decodeIfPresent(String.self, forKey: .error) {
            // An error's parameters of another shape than an object are dropped, as before.
            let parameters = (try? container.decodeIfPresent([String: JSONValue].self, forKey: .parameters)) ?? nil
            outcome = .error(VarlinkError(name, parameters: parameters ?? [:]))
        } else if container.contains(.parameters) {
            outcome = .value(try container.decode(R.self, forKey: .parameters))
        } else {
            // A reply without parameters is an empty object (Varlink may leave it out).
            outcome = .value(try JSONDecoder().decode(R.self, from: Data("{}".utf8)))
        }
    }
}

/// A blocking AF_UNIX stream socket with NUL framing, used only from the client's serial queue.
final class ClientSocket: @unchecked Sendable {
    private var fd: Int32
    private var buffer: [UInt8] = []

    init(path: String) throws {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        guard path.utf8.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw VarlinkClientError.connectFailed(path: path, errno: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw VarlinkClientError.connectFailed(path: path, errno: errno) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else {
            let e = errno
            Glibc.close(fd)
            fd = -1
            throw VarlinkClientError.connectFailed(path: path, errno: e)
        }
    }

    deinit { close() }

    func send(_ message: Data) throws {
        guard fd >= 0 else { throw VarlinkClientError.connectionClosed }
        var bytes = [UInt8](message)
        bytes.append(0)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw VarlinkClientError.ioFailed(errno: errno)
            }
            offset += n
        }
    }

    func receive() throws -> Data {
        guard fd >= 0 else { throw VarlinkClientError.connectionClosed }
        while true {
            if let nul = buffer.firstIndex(of: 0) {
                let message = Data(buffer[..<nul])
                buffer.removeSubrange(...nul)
                return message
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 {
                if errno == EINTR { continue }
                throw VarlinkClientError.ioFailed(errno: errno)
            }
            if n == 0 { throw VarlinkClientError.connectionClosed }
            buffer.append(contentsOf: chunk[..<n])
        }
    }

    func close() {
        if fd >= 0 {
            Glibc.close(fd)
            fd = -1
        }
    }
}
