import CSystemd

/// Hands over the listening sockets that systemd (or systemd-socket-activate) passed us, per sd_listen_fds(3).
public enum SocketActivation {
    /// The passed descriptors, starting at 3; empty when not socket-activated. Unsets `LISTEN_*` so children do not inherit them.
    public static func listenFileDescriptors() -> [Int32] {
        let count = sd_listen_fds(1)
        guard count > 0 else { return [] }
        return (0..<count).map { SD_LISTEN_FDS_START + $0 }
    }
}
