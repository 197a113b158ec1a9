/// The IDL texts of the control interfaces: the single source of truth for the control API.
public enum InvSyncIDL {
    /// `io.invsync.Daemon`.
    public static let daemon = String(decoding: PackageResources.io_invsync_Daemon_varlink, as: UTF8.self)
    /// `io.invsync.Channels`.
    public static let channels = String(decoding: PackageResources.io_invsync_Channels_varlink, as: UTF8.self)
    /// `io.invsync.Sync`.
    public static let sync = String(decoding: PackageResources.io_invsync_Sync_varlink, as: UTF8.self)
    /// `io.invsync.Inventory`.
    public static let inventory = String(decoding: PackageResources.io_invsync_Inventory_varlink, as: UTF8.self)
    /// `io.invsync.Privacy`.
    public static let privacy = String(decoding: PackageResources.io_invsync_Privacy_varlink, as: UTF8.self)

    /// Every interface the daemon serves, in the order `GetInfo` lists them.
    public static let all: [String] = [daemon, channels, sync, inventory, privacy]
}
