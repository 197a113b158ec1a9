#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A listening AF_UNIX stream socket, bound before the server runs so the daemon can report readiness after bind.
public struct VarlinkListener: Sendable {
    let fileDescriptor: Int32
    /// The socket file to remove on shutdown; nil for an adopted (systemd-owned) socket.
    let path: String?

    /// Why the listening socket could not be set up.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case pathTooLong(String)
        case systemCall(String, path: String, errno: Int32)

        public var description: String {
            switch self {
            case .pathTooLong(let p): "Socket path \(p) is longer than a Unix socket address allows; choose a shorter path."
            case .systemCall(let call, let p, let e): "\(call) failed for socket \(p): \(String(cString: strerror(e))); check the directory exists and its permissions."
            }
        }
    }

    /// Creates, binds and listens on `path`, removing a stale socket file first; sets `mode` and optionally `group`.
    public static func bind(path: String, mode: mode_t = 0o660, group: gid_t? = nil) throws -> VarlinkListener {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else { throw Failure.pathTooLong(path) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        // Only a socket file is removed; anything else at the path is left alone and bind fails on it.
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFSOCK { unlink(path) }

        #if canImport(Glibc)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure.systemCall("socket", path: path, errno: errno) }
        func fail(_ call: String) -> Failure {
            let e = errno
            close(fd)
            return .systemCall(call, path: path, errno: e)
        }
        // Bind with a restrictive umask so the file never exists with wider permissions than requested.
        let oldMask = umask(0o777 & ~mode)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        umask(oldMask)
        guard bound == 0 else { throw fail("bind") }
        guard chmod(path, mode) == 0 else { throw fail("chmod") }
        if let group { guard chown(path, uid_t.max, group) == 0 else { throw fail("chown") } }
        guard listen(fd, SOMAXCONN) == 0 else { throw fail("listen") }
        return VarlinkListener(fileDescriptor: fd, path: path)
    }

    /// Adopts an already listening socket, e.g. fd 3 passed by systemd socket activation.
    public static func adopt(fileDescriptor: Int32) throws -> VarlinkListener {
        var type: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fileDescriptor, SOL_SOCKET, SO_TYPE, &type, &length) == 0 else {
            throw Failure.systemCall("getsockopt", path: "fd \(fileDescriptor)", errno: errno)
        }
        guard type == Int32(SOCK_STREAM.rawValue) else { throw Failure.systemCall("adopt", path: "fd \(fileDescriptor)", errno: ENOTSOCK) }
        return VarlinkListener(fileDescriptor: fileDescriptor, path: nil)
    }
}
