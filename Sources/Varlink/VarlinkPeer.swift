import Foundation

/// The credentials of the process on the other end of a Unix socket connection (SO_PEERCRED).
public struct VarlinkPeer: Sendable, Hashable {
    public let pid: Int32
    public let uid: UInt32
    public let gid: UInt32
    /// Supplementary groups, read from /proc/<pid>/status because the kernel's SO_PEERGROUPS needs a sized probe.
    public let groups: [UInt32]

    public init(pid: Int32, uid: UInt32, gid: UInt32, groups: [UInt32]) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
        self.groups = groups
    }

    /// Used when the credentials cannot be read; uid/gid are "nobody"-like so authorisation fails closed.
    static let unknown = VarlinkPeer(pid: 0, uid: UInt32.max, gid: UInt32.max, groups: [])

    static func supplementaryGroups(pid: Int32) -> [UInt32] {
        guard pid > 0, let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return [] }
        for line in status.split(separator: "\n") where line.hasPrefix("Groups:") {
            return line.dropFirst("Groups:".count).split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { UInt32($0) }
        }
        return []
    }
}

/// Layout of Linux `struct ucred`, declared here because Glibc only exposes it under _GNU_SOURCE.
struct PeerCredentials: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
