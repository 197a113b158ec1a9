import Glibc
import Testing
@testable import Systemd

extension ProcessEnvironmentTests {
    @Test func socketActivationReturnsFileDescriptorThreeAndClearsTheEnvironment() throws {
        let listening = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(listening >= 0)
        defer { close(listening) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        // Abstract address: nothing to clean up on disk.
        let name = "\0invsync-test-\(getpid())"
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in name.utf8.enumerated() { raw[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + name.utf8.count)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listening, $0, length) }
        }
        try #require(bound == 0)
        try #require(listen(listening, 4) == 0)

        // sd_listen_fds always starts at fd 3: park whatever the test process has there and put ours in its place.
        let saved = fcntl(3, F_GETFD) >= 0 ? dup(3) : -1
        defer {
            if saved >= 0 { dup2(saved, 3); close(saved) } else { close(3) }
        }
        try #require(dup2(listening, 3) == 3)

        setenv("LISTEN_PID", String(getpid()), 1)
        setenv("LISTEN_FDS", "1", 1)
        let descriptors = SocketActivation.listenFileDescriptors()
        #expect(descriptors == [3])
        #expect(getenv("LISTEN_FDS") == nil)
        #expect(getenv("LISTEN_PID") == nil)
        var accepting: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        #expect(getsockopt(3, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &size) == 0 && accepting == 1)

        // Meant for another process (the variables leaked to a child): nothing.
        setenv("LISTEN_PID", String(getpid() + 1), 1)
        setenv("LISTEN_FDS", "1", 1)
        #expect(SocketActivation.listenFileDescriptors().isEmpty)
        unsetenv("LISTEN_PID")
        unsetenv("LISTEN_FDS")
        #expect(SocketActivation.listenFileDescriptors().isEmpty)
    }
}
