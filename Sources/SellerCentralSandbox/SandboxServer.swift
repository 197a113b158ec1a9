import Foundation
import Hummingbird
import Logging
import NIOCore

/// The request context that keeps the connection's channel, so faults can close it mid-response.
struct SandboxContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Serves SP-API, LWA and the `/_sandbox` admin API over HTTP/1.1 on Hummingbird.
public struct SandboxServer: Sendable {
    let store: SandboxStore
    public let configuration: SandboxConfiguration

    /// Hummingbird logs its own "listening" line at info on stdout; the operator contract owns stdout, so keep it to warnings.
    static var quietLogger: Logger {
        var logger = Logger(label: "spapi-sandbox")
        logger.logLevel = .warning
        return logger
    }

    public init(configuration: SandboxConfiguration) {
        self.configuration = configuration
        store = SandboxStore(config: configuration)
    }

    /// Runs until cancelled (or SIGTERM/SIGINT when `signals` is true); calls `onListening` with the bound port.
    public func run(signals: Bool = true, onListening: @escaping @Sendable (Int) async -> Void) async throws {
        let router = SandboxRouter(store: store)
        let app = Application(
            responder: CallbackResponder<SandboxContext> { request, context in try await router.respond(request, context) },
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil, backlog: 1024),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: Self.quietLogger
        )
        if signals { try await app.runService() } else { try await app.run() }
    }
}
