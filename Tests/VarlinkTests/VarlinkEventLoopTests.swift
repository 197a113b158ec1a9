import Foundation
import Logging
import Testing
import Varlink
#if canImport(Glibc)
import Glibc
#endif

/// Issue 6 (GetStatus p99 under load): a call is answered on its connection's event loop thread, the thread that reads
/// and writes the socket, with no hop to another thread in between; actors the handler calls run there too.
@Suite("Varlink calls answered on the connection's event loop", .serialized)
struct VarlinkEventLoopTests {
    /// Reports the kernel name and id of the thread its handler and an actor it calls run on.
    struct ThreadProbeHandler: VarlinkInterfaceHandler {
        static let idl = """
        interface org.example.probe

        method Where() -> (handler: string, handlerThread: int, actor: string, actorThread: int)
        """
        struct WhereReply: Codable, Sendable {
            var handler: String
            var handlerThread: Int
            var actor: String
            var actorThread: Int
        }
        /// An actor without an executor of its own, as DaemonRuntime is.
        actor Probe {
            func here() -> (String, Int) { ThreadProbeHandler.currentThread() }
        }

        let interface = try! VarlinkInterface(parsing: idl)
        let probe = Probe()

        static func currentThread() -> (String, Int) {
            let name = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
            var buffer = [CChar](repeating: 0, count: 64)
            let length = readlink("/proc/thread-self", &buffer, buffer.count - 1)
            let link = length > 0 ? String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
            return (name.trimmingCharacters(in: .whitespacesAndNewlines), link.split(separator: "/").last.flatMap { Int($0) } ?? -1)
        }

        func handle(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws {
            let (handler, handlerThread) = Self.currentThread()
            let (actor, actorThread) = await probe.here()
            try await replies.send(WhereReply(handler: handler, handlerThread: handlerThread, actor: actor, actorThread: actorThread),
                                   continues: false)
        }
    }

    @Test func callsRunOnTheConnectionsEventLoopThread() async throws {
        let socket = try TestServerSocket("loop")
        defer { socket.remove() }
        let path = socket.path
        let server = try socket.server([ThreadProbeHandler()])
        let task = Task { try await server.run() }
        defer { task.cancel() }
        let client = try await VarlinkClient.connect(path: path)
        var replies: [ThreadProbeHandler.WhereReply] = []
        for _ in 0..<20 {
            replies.append(try await client.call("org.example.probe.Where", parameters: VarlinkEmpty(),
                                                 returning: ThreadProbeHandler.WhereReply.self))
        }
        await client.close()
        // NIO names its event loop threads NIO-…; every call of one connection lands on the same one.
        #expect(replies.allSatisfy { $0.handler.hasPrefix("NIO-") })
        #expect(Set(replies.map(\.handlerThread)).count == 1)
        #expect(replies.allSatisfy { $0.actorThread == $0.handlerThread })
        task.cancel()
        _ = try? await task.value
    }
}
