import Foundation
import Logging
import Varlink

/// A fresh directory for one test's Varlink socket, and the example service's server bound in it.
struct TestServerSocket {
    let directory: String
    let path: String

    init(_ name: String) throws {
        directory = NSTemporaryDirectory() + "varlink-\(name)-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/test.sock"
    }

    /// A server of `handlers` listening on `path` (not yet running); `mode` is the socket's file mode.
    func server(_ handlers: [any VarlinkInterfaceHandler], limits: VarlinkServer.Limits = .init(), threadSlice: Duration? = nil,
                mode: mode_t = 0o660) throws -> VarlinkServer {
        VarlinkServer(
            listener: try VarlinkListener.bind(path: path, mode: mode),
            info: VarlinkServiceInfo(vendor: "Example", product: "Tester", version: "1.0", url: "https://example.org"),
            handlers: handlers, limits: limits, threadSlice: threadSlice, logger: Logger(label: "varlink-test"))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
