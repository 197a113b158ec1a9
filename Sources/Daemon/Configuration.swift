import Inventory
import Logging
import SyncEngine

/// The daemon's validated configuration: what the TOML file declares, with defaults applied.
public struct Configuration: Sendable, Equatable {
    /// The file it was read from.
    public var path: String
    public var daemon: DaemonSettings
    public var organization: OrganizationSettings
    public var channels: [ChannelSettingsDeclaration]

    /// `[daemon]`.
    public struct DaemonSettings: Sendable, Equatable {
        public var stateDirectory: String
        /// The control socket path; nil means "the socket systemd passes, else $RUNTIME_DIRECTORY/control.sock".
        public var controlSocket: String?
        /// The group whose members may call read methods.
        public var controlGroup: String?
        public var controlGroupID: UInt32?
        public var logLevel: Logger.Level
        /// Where the PII vault key comes from.
        public var vaultKey: SecretSource
    }

    /// `[organization]`.
    public struct OrganizationSettings: Sendable, Equatable {
        public var baseCurrency: String
        public var taxesEnabled: Bool
        public var businessLocation: String
        public var multiWarehouse: Bool
        public var primaryWarehouse: String
    }

    /// One `[[channel]]`.
    public struct ChannelSettingsDeclaration: Sendable, Equatable {
        public var name: String
        public var marketplace: Marketplace
        public var sellerId: String
        public var clientId: String
        public var clientSecret: SecretSource
        public var refreshToken: SecretSource
        public var endpoint: String
        public var tokenEndpoint: String
        public var initialLookbackDays: Int
        /// `order_backfill`: how the look-back (R5) and timeframes (R8) fetch orders; `auto` by default (issue 7).
        public var orderBackfill: OrderBackfillPath = .auto

        /// The channel as the domain knows it.
        public var channel: Channel {
            // The parser only yields a declaration whose name is valid.
            Channel(name: try! ChannelName(name), marketplace: marketplace, sellerId: sellerId)
        }
    }

    /// Where a secret is read from: never the configuration file itself.
    public enum SecretSource: Sendable, Equatable, CustomStringConvertible {
        /// A file named by a `*_file` key.
        case file(path: String)
        /// A systemd credential (`LoadCredential=`), read from `$CREDENTIALS_DIRECTORY/<name>`.
        case credential(name: String)

        public var description: String {
            switch self {
            case .file(let path): return "file \(path)"
            case .credential(let name): return "credential \(name)"
            }
        }
    }
}
