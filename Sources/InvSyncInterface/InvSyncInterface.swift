/// The IDL texts of the control interfaces: the single source of truth for the control API.
public enum InvSyncIDL {
    /// `io.invsync.Daemon`.
    public static let daemon = String(decoding: PackageResources.io_invsync_Daemon_varlink, as: UTF8.self)

    /// Every interface the daemon serves, in the order `GetInfo` lists them.
    public static let all: [String] = [daemon]
}
