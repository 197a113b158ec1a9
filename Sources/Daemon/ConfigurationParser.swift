import Foundation
import Inventory
import Logging
import SyncEngine
import TOMLKit

/// Parses and validates the TOML configuration once, collecting every problem with its line.
public struct ConfigurationParser: Sendable {
    /// The process environment (for `$STATE_DIRECTORY` and `$CREDENTIALS_DIRECTORY`).
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// What checking a configuration found: the configuration when it is usable, its problems and warnings.
    public struct Report: Sendable {
        public var configuration: Configuration?
        /// Problems that stop the daemon from starting or reloading.
        public var problems: [ConfigurationProblem]
        /// Things worth knowing that do not stop it.
        public var warnings: [ConfigurationProblem]
    }

    /// Validates configuration `text` read from `path` (used for messages and relative paths).
    public func parse(text: String, path: String) throws(ConfigurationError) -> Configuration {
        try Self.accept(check(text: text, path: path), path: path)
    }

    /// Reads and validates the file at `path`, collecting every problem and warning.
    public func check(path: String) -> Report {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let problem = ConfigurationProblem(
                line: nil, key: "file",
                message: "cannot read the configuration file (\(Self.reason(error))); check the path and its permissions, or pass --config PATH")
            return Report(configuration: nil, problems: [problem], warnings: [])
        }
        return check(text: text, path: path)
    }

    /// Validates `text`, collecting every problem and warning.
    public func check(text: String, path: String) -> Report {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let problem = ConfigurationProblem(
                line: error.source.begin.line, key: "syntax",
                message: "\(error.description) (column \(error.source.begin.column))")
            return Report(configuration: nil, problems: [problem], warnings: [])
        } catch {
            return Report(configuration: nil, problems: [ConfigurationProblem(line: nil, key: "syntax", message: "\(error)")], warnings: [])
        }
        var reader = Reader(locator: TOMLKeyLocator(text: text), baseDirectory: (path as NSString).deletingLastPathComponent)
        let configuration = read(root, path: path, reader: &reader)
        return Report(configuration: reader.problems.isEmpty ? configuration : nil, problems: reader.problems, warnings: reader.warnings)
    }

    private static func accept(_ report: Report, path: String) throws(ConfigurationError) -> Configuration {
        guard let configuration = report.configuration, report.problems.isEmpty else {
            throw ConfigurationError(path: path, problems: report.problems)
        }
        return configuration
    }

    // MARK: - Sections

    private static let topLevelKeys: Set<String> = ["daemon", "organization", "channel"]
    private static let daemonKeys: Set<String> = ["state_directory", "control_socket", "control_group", "log_level", "vault_key_file"]
    private static let organizationKeys: Set<String> = [
        "base_currency", "taxes_enabled", "business_location", "multi_warehouse", "primary_warehouse",
    ]
    private static let channelKeys: Set<String> = [
        "name", "marketplace", "seller_id", "client_id", "client_secret_file", "refresh_token_file", "endpoint",
        "token_endpoint", "initial_lookback_days", "order_backfill",
    ]
    /// Keys that would put a secret in clear into the file.
    private static let inlineSecretKeys: [String: String] = [
        "client_secret": "client_secret_file", "refresh_token": "refresh_token_file", "vault_key": "vault_key_file",
        "access_token": "refresh_token_file", "secret": "client_secret_file", "password": "client_secret_file",
    ]

    private func read(_ root: TOMLTable, path: String, reader: inout Reader) -> Configuration? {
        reader.rejectUnknownKeys(in: root, allowed: Self.topLevelKeys, table: "")
        let daemonTable = reader.table(root, "daemon", required: false)
        let organizationTable = reader.table(root, "organization", required: true)
        let daemon = readDaemon(daemonTable ?? TOMLTable(), reader: &reader)
        let organization = organizationTable.map { readOrganization($0, reader: &reader) } ?? nil

        var channels: [Configuration.ChannelSettingsDeclaration] = []
        if let value = root["channel"] {
            if let array = value.array {
                var names: [String: Int] = [:]
                for (offset, element) in array.enumerated() {
                    let prefix = "channel[\(offset + 1)]"
                    guard let table = element.table else {
                        reader.problem(prefix, "must be a table: declare channels with [[channel]]")
                        continue
                    }
                    if let channel = readChannel(table, prefix: prefix, reader: &reader) {
                        if let first = names[channel.name] {
                            reader.problem("\(prefix).name", "channel name '\(channel.name)' is already used by channel[\(first)]; every channel needs its own name")
                        } else {
                            names[channel.name] = offset + 1
                            channels.append(channel)
                        }
                    }
                }
            } else {
                reader.problem("channel", "must be an array of tables: declare each channel with [[channel]]")
            }
        }
        if let organization {
            for (index, channel) in channels.enumerated() where channel.marketplace.currency != organization.baseCurrency {
                // R2 is checked against Amazon at activation; a mismatch visible here is worth a warning only,
                // because the channel stays inactive with the reason in status rather than stopping the daemon.
                reader.warnings.append(ConfigurationProblem(
                    line: reader.locator.line(of: "channel[\(index + 1)].marketplace"), key: "channel[\(index + 1)].marketplace",
                    message: "marketplace \(channel.marketplace.code) sells in \(channel.marketplace.currency) but organization.base_currency is \(organization.baseCurrency); Amazon channels need them equal (R2), so this channel cannot be activated"))
            }
        }
        guard let daemon, let organization else { return nil }
        return Configuration(path: path, daemon: daemon, organization: organization, channels: channels)
    }

    private func readDaemon(_ table: TOMLTable, reader: inout Reader) -> Configuration.DaemonSettings? {
        reader.rejectUnknownKeys(in: table, allowed: Self.daemonKeys, table: "daemon")
        let stateDirectory = reader.string(table, "daemon", "state_directory").map(reader.absolute)
            ?? environment["STATE_DIRECTORY"]?.split(separator: ":").first.map(String.init)
            ?? "/var/lib/invsyncd"
        let controlSocket = reader.string(table, "daemon", "control_socket").map(reader.absolute)
        var groupID: UInt32?
        let group = reader.string(table, "daemon", "control_group")
        if let group {
            if let entry = getgrnam(group) {
                groupID = entry.pointee.gr_gid
            } else {
                reader.problem("daemon.control_group", "group '\(group)' does not exist; create it (groupadd --system \(group)) or remove control_group")
            }
        }
        var level = Logger.Level.info
        if let text = reader.string(table, "daemon", "log_level") {
            if let parsed = Logger.Level(rawValue: text) {
                level = parsed
            } else {
                reader.problem("daemon.log_level", "'\(text)' is not a log level; use one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        let vaultKey = secretSource(table, table: "daemon", fileKey: "vault_key_file", credential: "vault-key", required: false, reader: &reader)
        return Configuration.DaemonSettings(
            stateDirectory: stateDirectory, controlSocket: controlSocket, controlGroup: group, controlGroupID: groupID,
            logLevel: level, vaultKey: vaultKey ?? .credential(name: "vault-key"))
    }

    private func readOrganization(_ table: TOMLTable, reader: inout Reader) -> Configuration.OrganizationSettings? {
        reader.rejectUnknownKeys(in: table, allowed: Self.organizationKeys, table: "organization")
        let currency = reader.string(table, "organization", "base_currency", required: true)
        if let currency, !(currency.count == 3 && currency.allSatisfy({ $0.isASCII && $0.isUppercase })) {
            reader.problem("organization.base_currency", "'\(currency)' is not an ISO 4217 currency code such as USD, GBP or INR")
        }
        let taxes = reader.bool(table, "organization", "taxes_enabled") ?? false
        let location = reader.string(table, "organization", "business_location") ?? "US"
        if !(location.count == 2 && location.allSatisfy({ $0.isASCII && $0.isUppercase })) {
            reader.problem("organization.business_location", "'\(location)' is not an ISO 3166 country code such as US, GB or IN")
        }
        let multi = reader.bool(table, "organization", "multi_warehouse") ?? false
        let primary = reader.string(table, "organization", "primary_warehouse") ?? "Main"
        if primary.trimmingCharacters(in: .whitespaces).isEmpty {
            reader.problem("organization.primary_warehouse", "must not be empty")
        }
        guard let currency else { return nil }
        return Configuration.OrganizationSettings(
            baseCurrency: currency, taxesEnabled: taxes, businessLocation: location, multiWarehouse: multi, primaryWarehouse: primary)
    }

    private func readChannel(_ table: TOMLTable, prefix: String, reader: inout Reader) -> Configuration.ChannelSettingsDeclaration? {
        reader.rejectUnknownKeys(in: table, allowed: Self.channelKeys, table: prefix)
        let name = reader.string(table, prefix, "name", required: true)
        if let name, !ChannelName.isValid(name) {
            reader.problem("\(prefix).name", "'\(name)' is not a valid channel name: 1 to 64 characters, lowercase letters, digits, '.', '_' or '-', starting with a letter or digit")
        }
        var marketplace: Marketplace?
        if let code = reader.string(table, prefix, "marketplace", required: true) {
            marketplace = Marketplace(code: code)
            if marketplace == nil {
                reader.problem("\(prefix).marketplace", "'\(code)' is not supported; use US, UK or IN (R1)")
            }
        }
        let sellerId = reader.string(table, prefix, "seller_id", required: true)
        let clientId = reader.string(table, prefix, "client_id", required: true)
        let secret = secretSource(table, table: prefix, fileKey: "client_secret_file", credential: "lwa-client-secret", required: true, reader: &reader)
        let tokenCredential = "\(name ?? "channel").refresh-token"
        let refresh = secretSource(table, table: prefix, fileKey: "refresh_token_file", credential: tokenCredential, required: true, reader: &reader)
        let endpoint = reader.string(table, prefix, "endpoint") ?? marketplace?.defaultEndpoint
        let tokenEndpoint = reader.string(table, prefix, "token_endpoint") ?? "https://api.amazon.com/auth/o2/token"
        for (key, value) in [("endpoint", endpoint), ("token_endpoint", tokenEndpoint)] {
            if let value, let problem = Self.endpointProblem(value) { reader.problem("\(prefix).\(key)", problem) }
        }
        let lookback = reader.int(table, prefix, "initial_lookback_days") ?? 30
        if !(1...730).contains(lookback) {
            reader.problem("\(prefix).initial_lookback_days", "\(lookback) is out of range; use 1 to 730 days")
        }
        var backfill = OrderBackfillPath.auto
        if let text = reader.string(table, prefix, "order_backfill") {
            if let path = OrderBackfillPath(rawValue: text) {
                backfill = path
            } else {
                reader.problem("\(prefix).order_backfill", "'\(text)' is not a backfill path; use auto, report or search")
            }
        }
        guard let name, ChannelName.isValid(name), let marketplace, let sellerId, let clientId, let secret, let refresh, let endpoint else { return nil }
        return Configuration.ChannelSettingsDeclaration(
            name: name, marketplace: marketplace, sellerId: sellerId, clientId: clientId, clientSecret: secret,
            refreshToken: refresh, endpoint: endpoint, tokenEndpoint: tokenEndpoint, initialLookbackDays: lookback,
            orderBackfill: backfill)
    }

    /// A secret comes from `<fileKey>` or the systemd credential `credential`; a missing file is an error.
    private func secretSource(
        _ table: TOMLTable, table tableName: String, fileKey: String, credential: String, required: Bool, reader: inout Reader
    ) -> Configuration.SecretSource? {
        let key = tableName.isEmpty ? fileKey : "\(tableName).\(fileKey)"
        if let file = reader.string(table, tableName, fileKey) {
            let path = reader.absolute(file)
            if let problem = Self.secretFileProblem(path) {
                reader.problem(key, problem)
                return nil
            }
            return .file(path: path)
        }
        if let directory = environment["CREDENTIALS_DIRECTORY"] {
            let path = (directory as NSString).appendingPathComponent(credential)
            if required, Self.secretFileProblem(path) != nil {
                reader.problem(key, "not set, and the systemd credential '\(credential)' is missing; name a file with \(fileKey) or add LoadCredential=\(credential):/path/to/file to the unit")
                return nil
            }
        } else if required {
            reader.warnings.append(ConfigurationProblem(
                line: reader.locator.line(of: tableName), key: key,
                message: "not set: the secret must come from the systemd credential '\(credential)', which can only be checked under systemd"))
        }
        return .credential(name: credential)
    }

    static func secretFileProblem(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return "the file \(path) does not exist or cannot be reached (\(String(cString: strerror(errno)))); create it or correct the path"
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return "\(path) is not a regular file" }
        guard access(path, R_OK) == 0 else { return "the file \(path) is not readable by this user; fix its owner or mode (0600, owned by the daemon's user, or use LoadCredential=)" }
        guard info.st_size > 0 else { return "the file \(path) is empty; it must hold the secret" }
        return nil
    }

    static func endpointProblem(_ value: String) -> String? {
        guard let url = URL(string: value), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else {
            return "'\(value)' is not a URL"
        }
        switch scheme {
        case "https": return nil
        case "http" where ["127.0.0.1", "::1", "[::1]", "localhost"].contains(host): return nil
        case "http": return "'\(value)' would send tokens in clear; use https (http is allowed for 127.0.0.1 and ::1 only)"
        default: return "'\(value)' must be an https URL"
        }
    }

    static func reason(_ error: Error) -> String {
        if let cocoa = error as? CocoaError, let underlying = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return (error as NSError).localizedDescription
    }

    // MARK: - Typed reads that record problems

    fileprivate struct Reader {
        let locator: TOMLKeyLocator
        let baseDirectory: String
        var problems: [ConfigurationProblem] = []
        var warnings: [ConfigurationProblem] = []

        mutating func problem(_ key: String, _ message: String) {
            problems.append(ConfigurationProblem(line: locator.line(of: key), key: key, message: message))
        }

        func absolute(_ path: String) -> String {
            path.hasPrefix("/") ? path : (baseDirectory as NSString).appendingPathComponent(path)
        }

        mutating func rejectUnknownKeys(in table: TOMLTable, allowed: Set<String>, table name: String) {
            for key in table.keys.sorted() where !allowed.contains(key) {
                let full = name.isEmpty ? key : "\(name).\(key)"
                if let replacement = ConfigurationParser.inlineSecretKeys[key] {
                    problem(full, "secrets may not be written in the configuration file; put it in a file readable only by the daemon and name it with \(replacement), or pass it as a systemd credential")
                } else {
                    let known = allowed.sorted().joined(separator: ", ")
                    problem(full, "unknown key; \(name.isEmpty ? "the top level" : "[\(name)]") accepts: \(known)")
                }
            }
        }

        mutating func table(_ root: TOMLTable, _ key: String, required: Bool) -> TOMLTable? {
            guard let value = root[key] else {
                if required { problem(key, "missing: add a [\(key)] table") }
                return nil
            }
            guard let table = value.table else {
                problem(key, "must be a table ([\(key)])")
                return nil
            }
            return table
        }

        mutating func string(_ table: TOMLTable, _ name: String, _ key: String, required: Bool = false) -> String? {
            let full = name.isEmpty ? key : "\(name).\(key)"
            guard let value = table[key] else {
                if required { problem(full, "missing: this key is required") }
                return nil
            }
            guard let string = value.string else {
                problem(full, "must be a string (in double quotes)")
                return nil
            }
            if string.trimmingCharacters(in: .whitespaces).isEmpty {
                problem(full, "must not be empty")
                return nil
            }
            return string
        }

        mutating func bool(_ table: TOMLTable, _ name: String, _ key: String) -> Bool? {
            guard let value = table[key] else { return nil }
            guard let bool = value.bool else {
                problem("\(name).\(key)", "must be true or false")
                return nil
            }
            return bool
        }

        mutating func int(_ table: TOMLTable, _ name: String, _ key: String) -> Int? {
            guard let value = table[key] else { return nil }
            guard value.type == .int, let int = value.int else {
                problem("\(name).\(key)", "must be a whole number")
                return nil
            }
            return int
        }
    }
}

