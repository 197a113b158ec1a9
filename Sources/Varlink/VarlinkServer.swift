import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// Serves Varlink interfaces on a listener until graceful shutdown or cancellation (a ServiceLifecycle `Service`).
public struct VarlinkServer: Service {
    /// Resource bounds that keep one client from exhausting the daemon.
    public struct Limits: Sendable {
        public var maxMessageBytes = 1 << 20
        public var maxConnections = 512
        public var idleTimeout: Duration?
        /// How long in-flight calls may run after shutdown begins before connections are closed.
        public var shutdownGracePeriod: Duration = .seconds(2)
        public init() {}
    }

    let listener: VarlinkListener
    let handlers: [String: any VarlinkInterfaceHandler]
    let limits: Limits
    /// The scheduler slice asked for the threads that answer calls (`SchedulerSlice`); nil keeps the kernel's default.
    let threadSlice: Duration?
    let logger: Logger

    public init(listener: VarlinkListener, info: VarlinkServiceInfo, handlers: [any VarlinkInterfaceHandler], limits: Limits = .init(),
                threadSlice: Duration? = nil, logger: Logger) {
        var table: [String: any VarlinkInterfaceHandler] = [:]
        for handler in handlers { table[handler.interface.name] = handler }
        var descriptions = table.mapValues { $0.interface.description }
        descriptions[VarlinkServiceInterface.parsed.name] = VarlinkServiceInterface.idl
        table[VarlinkServiceInterface.parsed.name] = VarlinkServiceInterface(info: info, descriptions: descriptions)
        self.listener = listener
        self.handlers = table
        self.limits = limits
        self.threadSlice = threadSlice
        self.logger = logger
    }

    public func run() async throws {
        let limits = self.limits
        let group = MultiThreadedEventLoopGroup.singleton
        if let threadSlice { await Self.request(threadSlice, on: group, logger: logger) }
        let server = try await ServerBootstrap(group: group)
            .bind(NIOBSDSocket.Handle(listener.fileDescriptor)) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let timeout = limits.idleTimeout {
                        try channel.pipeline.syncOperations.addHandler(IdleStateHandler(allTimeout: TimeAmount(timeout)))
                        try channel.pipeline.syncOperations.addHandler(IdleConnectionCloser())
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(NULFrameDecoder(maxMessageBytes: limits.maxMessageBytes)))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let registry = ConnectionRegistry()
        let serverChannel = server.channel
        logger.debug("Varlink server accepting connections")
        defer {
            if let path = listener.path { unlink(path) }
        }
        try await withGracefulShutdownHandler {
            try await withTaskCancellationHandler {
                try await server.executeThenClose { inbound in
                    try await withThrowingDiscardingTaskGroup { group in
                        for try await connection in inbound {
                            guard registry.admit(connection.channel, limit: limits.maxConnections) else {
                                logger.debug("Varlink connection limit reached, closing new connection")
                                // executeThenClose finishes the writer; dropping an unused NIOAsyncChannel would trap.
                                group.addTask { try? await connection.executeThenClose { _, _ in } }
                                continue
                            }
                            // Answered on the connection's own event loop: no thread hop between read, handler and write.
                            group.addTask(executorPreference: EventLoopTaskExecutor(eventLoop: connection.channel.eventLoop)) {
                                let peer = await Self.peer(of: connection.channel)
                                await VarlinkConnection(channel: connection, peer: peer, handlers: handlers, logger: logger).run()
                                registry.remove(connection.channel)
                            }
                        }
                    }
                }
            } onCancel: {
                serverChannel.close(promise: nil)
                registry.closeAll()
            }
        } onGracefulShutdown: {
            serverChannel.close(promise: nil)
            let grace = limits.shutdownGracePeriod
            Task {
                try? await Task.sleep(for: grace)
                registry.closeAll()
            }
        }
        logger.debug("Varlink server stopped")
    }

    /// Asks for `slice` on every thread of `group` (each sets its own); a refusal is logged once, at debug.
    static func request(_ slice: Duration, on group: MultiThreadedEventLoopGroup, logger: Logger) async {
        var outcomes: [SchedulerSlice.Outcome] = []
        for loop in group.makeIterator() {
            if let outcome = try? await loop.submit({ SchedulerSlice.requestForCurrentThread(slice) }).get() { outcomes.append(outcome) }
        }
        if let refused = outcomes.first(where: { $0 != .applied }), case .refused(let error) = refused {
            logger.debug("Varlink threads keep the default scheduler slice: the kernel refused a shorter one",
                         metadata: ["slice_us": "\(slice.components.attoseconds / 1_000_000_000_000 + slice.components.seconds * 1_000_000)", "errno": "\(error)"])
        }
    }

    static func peer(of channel: any Channel) async -> VarlinkPeer {
        guard let provider = channel as? any SocketOptionProvider else { return .unknown }
        do {
            let cred: PeerCredentials = try await provider.unsafeGetSocketOption(
                level: NIOBSDSocket.OptionLevel(rawValue: SOL_SOCKET), name: NIOBSDSocket.Option(rawValue: SO_PEERCRED)).get()
            return VarlinkPeer(pid: cred.pid, uid: cred.uid, gid: cred.gid, groups: VarlinkPeer.supplementaryGroups(pid: cred.pid))
        } catch {
            return .unknown
        }
    }
}

/// Tracks open connections so the server can bound their number and close them at shutdown.
final class ConnectionRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var channels: [ObjectIdentifier: any Channel] = [:]

    func admit(_ channel: any Channel, limit: Int) -> Bool {
        lock.withLock {
            guard channels.count < limit else { return false }
            channels[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    func remove(_ channel: any Channel) {
        _ = lock.withLock { channels.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    func closeAll() {
        let all = lock.withLock { Array(channels.values) }
        for channel in all { channel.close(promise: nil) }
    }
}

/// Closes a connection when the idle state handler reports no traffic for the configured time.
final class IdleConnectionCloser: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}
