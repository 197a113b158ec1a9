import Foundation
import Testing

@testable import Daemon

/// The configuration parser: every problem named by key and line; the daemon refuses a bad file.
@Suite struct ConfigurationTests {
    let directory: String
    let parser: ConfigurationParser

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("invsync-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try MinimalConfiguration.writeCredentials(in: directory)
        parser = ConfigurationParser(environment: [:])
    }

    func config(_ channel: String = "", daemon: String = "", organization: String? = nil) -> String {
        MinimalConfiguration.text(channel: channel, daemon: daemon, organization: organization)
    }

    func problems(_ text: String) -> [ConfigurationProblem] {
        parser.check(text: text, path: directory + "/invsyncd.toml").problems
    }

    @Test func validConfigurationAppliesDefaults() throws {
        let configuration = try parser.parse(text: config(), path: directory + "/invsyncd.toml")
        #expect(configuration.channels.count == 1)
        let channel = try #require(configuration.channels.first)
        #expect(channel.marketplace.code == "US")
        #expect(channel.endpoint == "https://sellingpartnerapi-na.amazon.com")
        #expect(channel.tokenEndpoint == "https://api.amazon.com/auth/o2/token")
        #expect(channel.initialLookbackDays == 30)  // R5 default look-back
        #expect(channel.clientSecret == .file(path: directory + "/client-secret"))
        #expect(configuration.daemon.stateDirectory == "/var/lib/invsyncd")
        #expect(configuration.organization.primaryWarehouse == "Main")
    }

    @Test func stateDirectoryComesFromSystemdWhenNotConfigured() throws {
        let parser = ConfigurationParser(environment: ["STATE_DIRECTORY": "/var/lib/private/invsyncd"])
        let configuration = try parser.parse(text: config(), path: directory + "/invsyncd.toml")
        #expect(configuration.daemon.stateDirectory == "/var/lib/private/invsyncd")
    }

    @Test func unknownKeyIsNamedWithItsLine() {
        let found = problems(config("colour = \"blue\""))
        #expect(found.count == 1)
        #expect(found.first?.key == "channel[1].colour")
        #expect(found.first?.line == 16)
        #expect(found.first?.message.contains("unknown key") == true)
    }

    @Test func unknownTableIsNamed() {
        let found = problems(config() + "\n[extra]\nx = 1\n")
        #expect(found.map(\.key) == ["extra"])
        #expect(found.first?.line == 17)
    }

    // R1
    @Test(arguments: ["DE", "us", "JP", ""])
    func marketplaceOtherThanUSUKINIsRefused(code: String) {
        let text = config().replacingOccurrences(of: "marketplace = \"US\"", with: "marketplace = \"\(code)\"")
        let found = problems(text)
        #expect(found.contains { $0.key == "channel[1].marketplace" && $0.line == 11 })
    }

    // R1
    @Test(arguments: ["UK", "IN"])
    func ukAndIndiaAreAccepted(code: String) throws {
        let text = config().replacingOccurrences(of: "marketplace = \"US\"", with: "marketplace = \"\(code)\"")
        let configuration = try parser.parse(text: text, path: directory + "/invsyncd.toml")
        #expect(configuration.channels.first?.endpoint == "https://sellingpartnerapi-eu.amazon.com")
    }

    // R3: secrets never inline
    @Test(arguments: ["client_secret", "refresh_token"])
    func inlineSecretIsRefused(key: String) {
        let found = problems(config("\(key) = \"abc\""))
        let problem = found.first { $0.key == "channel[1].\(key)" }
        #expect(problem?.message.contains("secrets may not be written") == true)
        #expect(problem?.line == 16)
    }

    @Test func inlineVaultKeyIsRefused() {
        let found = problems(config(daemon: "vault_key = \"0123\""))
        #expect(found.first?.key == "daemon.vault_key")
    }

    // R3
    @Test func missingCredentialFileIsNamed() {
        let text = config().replacingOccurrences(of: "\"refresh-token\"", with: "\"missing-token\"")
        let problem = problems(text).first
        #expect(problem?.key == "channel[1].refresh_token_file")
        #expect(problem?.line == 15)
        #expect(problem?.message.contains(directory + "/missing-token") == true)
    }

    @Test func emptySecretFileIsRefused() throws {
        try "".write(toFile: directory + "/client-secret", atomically: true, encoding: .utf8)
        #expect(problems(config()).first?.message.contains("is empty") == true)
    }

    // R3: under systemd the secret comes from $CREDENTIALS_DIRECTORY
    @Test func credentialFromSystemd() throws {
        let credentials = directory + "/credentials"
        try FileManager.default.createDirectory(atPath: credentials, withIntermediateDirectories: true)
        let text = config().replacingOccurrences(of: "client_secret_file = \"client-secret\"\n", with: "")
        let systemd = ConfigurationParser(environment: ["CREDENTIALS_DIRECTORY": credentials])
        #expect(systemd.check(text: text, path: directory + "/x.toml").problems.first?.message.contains("lwa-client-secret") == true)
        try "s3cret".write(toFile: credentials + "/lwa-client-secret", atomically: true, encoding: .utf8)
        let configuration = try systemd.parse(text: text, path: directory + "/x.toml")
        #expect(configuration.channels.first?.clientSecret == .credential(name: "lwa-client-secret"))
    }

    @Test func syntaxErrorHasItsLine() {
        let found = problems("[daemon]\nlog_level = \"info\"\nstate_directory = \n")
        #expect(found.first?.key == "syntax")
        #expect(found.first?.line == 3)
    }

    @Test func wrongTypesAreNamed() {
        let text = config("initial_lookback_days = \"thirty\"", organization: "base_currency = \"USD\"\ntaxes_enabled = \"yes\"")
        let keys = Set(problems(text).map(\.key))
        #expect(keys == ["channel[1].initial_lookback_days", "organization.taxes_enabled"])
    }

    @Test func duplicateChannelNamesAreRefused() {
        let second = config().components(separatedBy: "[[channel]]")[1]
        #expect(problems(config() + "\n[[channel]]" + second).contains { $0.key == "channel[2].name" && $0.message.contains("already used") })
    }

    @Test func cleartextEndpointToARemoteHostIsRefused() {
        #expect(problems(config("endpoint = \"http://sellingpartnerapi-na.amazon.com\"")).first?.key == "channel[1].endpoint")
        #expect(problems(config("endpoint = \"http://127.0.0.1:8080\"")).isEmpty)
    }

    @Test func missingRequiredKeysAreEachNamed() {
        let text = "[organization]\nbase_currency = \"USD\"\n\n[[channel]]\nname = \"x\"\n"
        let keys = Set(problems(text).map(\.key))
        #expect(keys.isSuperset(of: ["channel[1].marketplace", "channel[1].seller_id", "channel[1].client_id"]))
    }

    @Test func badLogLevelAndGroup() {
        let found = problems(config(daemon: "log_level = \"loud\"\ncontrol_group = \"no-such-group-xyz\"").replacingOccurrences(of: "log_level = \"info\"\n", with: ""))
        #expect(Set(found.map(\.key)) == ["daemon.log_level", "daemon.control_group"])
    }

    // R2 is decided against Amazon at activation; a visible currency mismatch is a warning, not a refusal.
    @Test func currencyMismatchIsAWarning() {
        let text = config().replacingOccurrences(of: "marketplace = \"US\"", with: "marketplace = \"UK\"")
        let report = parser.check(text: text, path: directory + "/invsyncd.toml")
        #expect(report.problems.isEmpty)
        #expect(report.warnings.contains { $0.key == "channel[1].marketplace" })
    }

    @Test func theShippedExampleParses() throws {
        // The example names files under /etc; check it with credentials supplied by "systemd" instead.
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("etc/invsyncd/invsyncd.toml")
        let text = try String(contentsOf: example, encoding: .utf8)
        let report = parser.check(text: text, path: "/etc/invsyncd/invsyncd.toml")
        // Only the two secret files are missing on a build machine.
        #expect(Set(report.problems.map(\.key)) == ["channel[1].client_secret_file", "channel[1].refresh_token_file"])
    }
}
