import Foundation
import NIOCore
import NIOPosix

/// A listening control socket, bound before the server runs so the daemon can report readiness after binding.
public struct VarlinkListener: Sendable {
    /// An accepted connection: its framed channel and who is on the other end.
    struct Accepted: Sendable {
        let channel: NIOAsyncChannel<VarlinkFrame, ByteBuffer>
        let peer: VarlinkPeer
    }

    let channel: NIOAsyncChannel<Accepted, Never>
    let limits: VarlinkServer.Limits
    /// The socket file to remove on close (nil for a socket systemd owns).
    let path: String?

    /// Why a control socket could not be bound.
    public enum BindError: Error, CustomStringConvertible {
        case inUse(String)
        case failed(String, String)

        public var description: String {
            switch self {
            case .inUse(let path): return "another process is already listening on \(path)"
            case .failed(let path, let reason): return "cannot listen on \(path): \(reason)"
            }
        }
    }

    /// Binds `path` (a stale socket file is replaced, a live one is not) with `mode` and optional group ownership.
    public static func bind(path: String, mode: mode_t = 0o660, group: UInt32? = nil, limits: VarlinkServer.Limits = .init()) async throws -> VarlinkListener {
        if Self.isLive(path) { throw BindError.inUse(path) }
        do {
            let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.backlog, value: 256)
                .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true) { child in
                    Self.initialize(child, limits: limits)
                }
            if chmod(path, mode) != 0 || (group.map { chown(path, UInt32.max, $0) } ?? 0) != 0 {
                let reason = String(cString: strerror(errno))
                try? await channel.channel.close()
                throw BindError.failed(path, "cannot set its mode or group: \(reason)")
            }
            return VarlinkListener(channel: channel, limits: limits, path: path)
        } catch let error as BindError {
            throw error
        } catch {
            throw BindError.failed(path, "\(error)")
        }
    }

    /// Adopts a socket that is already bound and listening (systemd socket activation).
    public static func adopt(fileDescriptor: Int32, limits: VarlinkServer.Limits = .init()) async throws -> VarlinkListener {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(NIOBSDSocket.Handle(fileDescriptor)) { child in
                Self.initialize(child, limits: limits)
            }
        return VarlinkListener(channel: channel, limits: limits, path: nil)
    }

    private static func initialize(_ channel: any Channel, limits: VarlinkServer.Limits) -> EventLoopFuture<Accepted> {
        peerCredentials(channel).flatMapThrowing { credentials in
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(NULFrameDecoder(maxMessageBytes: limits.maxMessageBytes)))
            let framed = try NIOAsyncChannel<VarlinkFrame, ByteBuffer>(wrappingChannelSynchronously: channel)
            return Accepted(
                channel: framed,
                peer: VarlinkPeer(pid: credentials.pid, uid: credentials.uid, gid: credentials.gid, groups: []))
        }
    }

    /// The layout of Linux's `struct ucred` (hidden behind _GNU_SOURCE in the C headers Swift sees).
    struct PeerCredentials: Sendable {
        var pid: Int32
        var uid: UInt32
        var gid: UInt32
    }

    /// SO_PEERCRED of a connected Unix socket; an unknown peer gets ids no policy trusts.
    static func peerCredentials(_ channel: any Channel) -> EventLoopFuture<PeerCredentials> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeSucceededFuture(PeerCredentials(pid: 0, uid: UInt32.max, gid: UInt32.max))
        }
        return provider.unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
    }

    /// Whether something accepts connections on `path` right now.
    private static func isLive(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: bytes)
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return result == 0
    }
}
