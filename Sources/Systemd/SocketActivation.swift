import CSystemd

/// The listening sockets systemd passes (socket activation), through sd_listen_fds.
public enum SocketActivation {
    /// File descriptors from SD_LISTEN_FDS_START on; empty when not socket-activated. Unsets LISTEN_* so
    /// children do not inherit them.
    public static func listenFileDescriptors() -> [Int32] {
        let count = sd_listen_fds(1)
        guard count > 0 else { return [] }
        return (0..<count).map { SD_LISTEN_FDS_START + $0 }
    }
}
