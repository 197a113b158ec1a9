import Foundation
import Testing
import Varlink
#if canImport(Glibc)
import Glibc
#endif

/// The client's reading of replies, against a scripted peer that answers each request with given bytes: the parameters
/// decoded once into the caller's type, error replies thrown with their parameters, anything else refused by name.
@Suite(.serialized) struct VarlinkClientReplyTests {
    /// A Unix socket peer on its own thread: answers the n-th request with `replies[n]` and records the requests.
    final class ScriptedPeer: @unchecked Sendable {
        let socket: TestServerSocket
        private let listener: Int32
        private let lock = NSLock()
        private var received: [String] = []
        var requests: [String] { lock.withLock { received } }

        init(_ replies: [String]) throws {
            socket = try TestServerSocket("client-reply")
            let listening = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            listener = listening
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                raw.copyBytes(from: socket.path.utf8)
                raw[socket.path.utf8.count] = 0
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listening, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard bound == 0, listen(listening, 1) == 0 else { throw VarlinkClientError.ioFailed(errno: errno) }
            Thread.detachNewThread { [self] in
                let fd = accept(listening, nil, nil)
                guard fd >= 0 else { return }
                defer { Glibc.close(fd) }
                var buffer: [UInt8] = []
                for reply in replies {
                    while !buffer.contains(0) {
                        var chunk = [UInt8](repeating: 0, count: 4096)
                        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                        if n <= 0 { return }
                        buffer += chunk[..<n]
                    }
                    let nul = buffer.firstIndex(of: 0)!
                    let request = String(decoding: buffer[..<nul], as: UTF8.self)
                    buffer.removeSubrange(...nul)
                    lock.withLock { received.append(request) }
                    let bytes = Array(reply.utf8) + [0]
                    _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                }
            }
        }

        deinit {
            Glibc.close(listener)
            socket.remove()
        }
    }

    struct Point: Codable, Equatable, Sendable { var x: Int; var y: Int }

    @Test func parametersAreDecodedIntoTheCallersType() async throws {
        let peer = try ScriptedPeer([#"{"parameters":{"x":1,"y":2,"ignored":[1,{"deep":true}]}}"#, #"{}"#])
        let client = try await VarlinkClient.connect(path: peer.socket.path)
        #expect(try await client.call("org.example.P", parameters: Point(x: 5, y: 6), returning: Point.self) == Point(x: 1, y: 2))
        // A reply without parameters is an empty object.
        _ = try await client.call("org.example.Q", parameters: VarlinkEmpty(), returning: VarlinkEmpty.self)
        await client.close()
        let first = try JSONSerialization.jsonObject(with: Data(peer.requests[0].utf8)) as? [String: Any]
        #expect(first?["method"] as? String == "org.example.P")
        #expect((first?["parameters"] as? [String: Int]) == ["x": 5, "y": 6])
        #expect(first?["more"] == nil && first?["oneway"] == nil)
    }

    @Test func anErrorReplyIsThrownWithItsParameters() async throws {
        let peer = try ScriptedPeer([#"{"error":"org.example.NoSuchThing","parameters":{"name":"widget"}}"#,
                                     #"{"error":"org.example.Bare","parameters":7}"#])
        let client = try await VarlinkClient.connect(path: peer.socket.path)
        await #expect(throws: VarlinkError("org.example.NoSuchThing", parameters: ["name": .string("widget")])) {
            _ = try await client.call("org.example.P", parameters: VarlinkEmpty(), returning: Point.self)
        }
        await #expect(throws: VarlinkError("org.example.Bare", parameters: [:])) {
            _ = try await client.call("org.example.P", parameters: VarlinkEmpty(), returning: Point.self)
        }
        await client.close()
    }

    @Test func aReplyThatIsNoVarlinkMessageIsMalformed() async throws {
        for reply in [#"not json"#, #"[1,2]"#, #"{"error":42}"#, #"{"parameters":{"x":1,"y":2},"continues":"yes"#] {
            let peer = try ScriptedPeer([reply])
            let client = try await VarlinkClient.connect(path: peer.socket.path)
            await #expect(throws: VarlinkClientError.malformedReply, "\(reply)") {
                _ = try await client.call("org.example.P", parameters: VarlinkEmpty(), returning: Point.self)
            }
            await client.close()
        }
    }

    @Test func parametersOfTheWrongShapeAreTheDecodersError() async throws {
        let peer = try ScriptedPeer([#"{"parameters":{"x":"one","y":2}}"#])
        let client = try await VarlinkClient.connect(path: peer.socket.path)
        await #expect(throws: DecodingError.self) {
            _ = try await client.call("org.example.P", parameters: VarlinkEmpty(), returning: Point.self)
        }
        await client.close()
    }

    @Test func moreRepliesEndWithTheOneThatDoesNotContinue() async throws {
        let peer = try ScriptedPeer([#"{"parameters":{"x":1,"y":1},"continues":true}"# + "\u{0}" + #"{"parameters":{"x":2,"y":2}}"#])
        let client = try await VarlinkClient.connect(path: peer.socket.path)
        var points: [Point] = []
        for try await point in client.callMore("org.example.P", parameters: VarlinkEmpty(), returning: Point.self) { points.append(point) }
        #expect(points == [Point(x: 1, y: 1), Point(x: 2, y: 2)])
        let request = try JSONSerialization.jsonObject(with: Data(peer.requests[0].utf8)) as? [String: Any]
        #expect(request?["more"] as? Bool == true)
        await client.close()
    }
}
