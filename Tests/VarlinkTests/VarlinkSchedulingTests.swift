import Foundation
import Logging
import Testing
import Varlink
#if canImport(Glibc)
import Glibc
#endif

/// Issue 6 (GetStatus p99 under 5 ms while a large sync runs): the threads that answer calls ask the kernel for a short
/// scheduler slice, and a reply encoded once is written as it is. Needs Linux 6.12 or later (custom EEVDF slices).
/// Carries a value from a thread to the one waiting for it (the semaphore orders the accesses).
final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

@Suite("Varlink scheduling and pre-encoded replies", .serialized)
struct VarlinkSchedulingTests {
    /// Runs `body` on a thread of its own (so no test thread keeps what it sets) and returns its result.
    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.start()
        done.wait()
        return box.value!
    }

    @Test func aSliceIsSetClampedAndLeavesTheNiceValue() {
        let (applied, slice, clamped, nice) = Self.onOwnThread { () -> (SchedulerSlice.Outcome, Duration?, Duration?, Int32) in
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 5)
            let applied = SchedulerSlice.requestForCurrentThread(.microseconds(300))
            let slice = SchedulerSlice.currentThreadSlice()
            _ = SchedulerSlice.requestForCurrentThread(.microseconds(20))
            let clamped = SchedulerSlice.currentThreadSlice()
            errno = 0
            return (applied, slice, clamped, getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0))
        }
        #expect(applied == .applied)
        #expect(slice == .microseconds(300))
        #expect(clamped == .microseconds(100))  // the kernel's floor, 0.1 ms
        #expect(nice == 5)
    }

    /// Reports its thread's slice, and answers `Same` with the same reply encoded beforehand.
    struct SliceHandler: VarlinkInterfaceHandler {
        static let idl = """
        interface org.example.slice

        method Slice() -> (nanoseconds: int)
        method Plain() -> (name: string, items: []int, note: ?string)
        method Same() -> (name: string, items: []int, note: ?string)
        """
        struct SliceReply: Codable, Sendable { var nanoseconds: Int }
        struct ItemsReply: Codable, Sendable, Equatable {
            var name: String
            var items: [Int]
            var note: String?
        }
        static let reply = ItemsReply(name: "caf\u{e9} \"quoted\"", items: [1, 2, 3], note: nil)

        let interface = try! VarlinkInterface(parsing: idl)
        let encoded = try! VarlinkEncodedParameters(SliceHandler.reply)

        func handle(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws {
            switch call.method {
            case "Slice":
                let slice = SchedulerSlice.currentThreadSlice() ?? .zero
                try await replies.send(SliceReply(nanoseconds: Int(slice.components.seconds * 1_000_000_000 + slice.components.attoseconds / 1_000_000_000)),
                                       continues: false)
            case "Plain": try await replies.send(Self.reply, continues: false)
            default: try await replies.send(encoded, continues: false)
            }
        }
    }

    @Test func callsAreAnsweredOnThreadsWithTheRequestedSliceAndEncodedRepliesAreWrittenAsTheyAre() async throws {
        let socket = try TestServerSocket("slice")
        defer { socket.remove() }
        let path = socket.path
        let server = try socket.server([SliceHandler()], threadSlice: .microseconds(400))
        let task = Task { try await server.run() }
        defer { task.cancel() }
        var client: VarlinkClient?
        for _ in 0..<100 where client == nil {
            client = try? await VarlinkClient.connect(path: path)
            if client == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        let connected = try #require(client)
        let slice = try await connected.call("org.example.slice.Slice", parameters: VarlinkEmpty(), returning: SliceHandler.SliceReply.self)
        #expect(slice.nanoseconds == 400_000)
        let plain = try await connected.call("org.example.slice.Plain", parameters: VarlinkEmpty(), returning: SliceHandler.ItemsReply.self)
        let same = try await connected.call("org.example.slice.Same", parameters: VarlinkEmpty(), returning: SliceHandler.ItemsReply.self)
        #expect(plain == SliceHandler.reply)
        #expect(same == plain)
        await connected.close()

        // On the wire: the encoded object verbatim inside the reply.
        let raw = try RawSocket(path: path)
        raw.write(#"{"method":"org.example.slice.Same"}"#)
        let message = try #require(raw.readMessage())
        let parameters = try #require(message["parameters"] as? [String: Any])
        #expect(parameters["name"] as? String == SliceHandler.reply.name)
        #expect(parameters["items"] as? [Int] == [1, 2, 3])
        task.cancel()
        _ = try? await task.value
    }
}
