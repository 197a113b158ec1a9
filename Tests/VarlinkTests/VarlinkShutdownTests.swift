import Foundation
import Logging
import ServiceLifecycle
import Testing
import Varlink

@Suite("Varlink server graceful shutdown")
struct VarlinkShutdownTests {
    @Test func inFlightCallFinishesThenListenerCloses() async throws {
        let socket = try TestServerSocket("shutdown")
        defer { socket.remove() }
        let path = socket.path
        let server = try socket.server([TestInterfaceHandler()])
        let group = ServiceGroup(services: [server], logger: Logger(label: "varlink-test"))
        let running = Task { try await group.run() }
        let client = try await VarlinkClient.connect(path: path)
        let slowCall = Task {
            try await client.call("org.example.test.Slow", parameters: ["milliseconds": 400], returning: VarlinkEmpty.self)
        }
        try await Task.sleep(for: .milliseconds(100))
        await group.triggerGracefulShutdown()
        _ = try await slowCall.value
        try await running.value
        #expect(!FileManager.default.fileExists(atPath: path))
        await #expect(throws: VarlinkClientError.self) { _ = try await VarlinkClient.connect(path: path) }
    }
}
