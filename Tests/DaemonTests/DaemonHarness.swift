import Foundation
import Glibc

/// Runs the built `invsyncd` (and `invsyncctl`) as real processes in a private temporary directory.
final class DaemonHarness: @unchecked Sendable {
    let directory: String
    let configPath: String
    let socketPath: String
    let notify: NotifyListener
    private(set) var process: ChildProcess?
    private var runs = 0

    /// The directory holding the built executables (next to the test bundle).
    static let binDirectory: String = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while !url.path.hasSuffix(".xctest") && url.path != "/" { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().path
    }()

    static func binary(_ name: String) -> String { binDirectory + "/" + name }

    init(channels: String = DaemonHarness.usChannel, daemonExtra: String = "") throws {
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("invsyncd-test-XXXXXX").path
        var bytes = Array(template.utf8CString)
        guard mkdtemp(&bytes) != nil else { throw TestFailure("mkdtemp failed") }
        directory = String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        chmod(directory, 0o755)
        configPath = directory + "/invsyncd.toml"
        socketPath = directory + "/control.sock"
        notify = try NotifyListener(directory: directory)
        try "test-client-secret".write(toFile: directory + "/client-secret", atomically: true, encoding: .utf8)
        try "Atzr|test-refresh-token".write(toFile: directory + "/refresh-token", atomically: true, encoding: .utf8)
        try writeConfig(channels: channels, daemonExtra: daemonExtra)
    }

    deinit {
        process = nil
        try? FileManager.default.removeItem(atPath: directory)
    }

    static let usChannel = """
        [[channel]]
        name = "amazon-us"
        marketplace = "US"
        seller_id = "A2TESTSELLER"
        client_id = "amzn1.application-oa2-client.test"
        client_secret_file = "client-secret"
        refresh_token_file = "refresh-token"
        endpoint = "http://127.0.0.1:9"
        token_endpoint = "http://127.0.0.1:9/auth/o2/token"
        """

    func writeConfig(channels: String, daemonExtra: String = "", logLevel: String = "info") throws {
        let text = """
            [daemon]
            state_directory = "state"
            control_socket = "control.sock"
            log_level = "\(logLevel)"
            \(daemonExtra)

            [organization]
            base_currency = "USD"
            taxes_enabled = true
            business_location = "US"
            primary_warehouse = "Main"

            \(channels)
            """
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Starts invsyncd with NOTIFY_SOCKET pointing at our listener (and any extra environment).
    func start(environment extra: [String: String] = [:], arguments: [String]? = nil, executable: String? = nil) throws {
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "NOTIFY_SOCKET": notify.path]
        environment.merge(extra) { $1 }
        process = try ChildProcess(
            executable ?? Self.binary("invsyncd"), arguments ?? ["--config", configPath], environment: environment,
            outputPath: directory + "/daemon.out", errorPath: directory + "/daemon.err")
    }

    /// What the daemon wrote to stdout and stderr so far.
    var log: String { (process?.output ?? "") + (process?.error ?? "") }

    func signal(_ signal: Int32) {
        process?.signal(signal)
    }

    /// Waits for the daemon to exit; returns its status.
    func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32 {
        guard let process else { throw TestFailure("not started") }
        return try await process.wait(timeout: timeout)
    }

    /// Runs invsyncctl with `arguments` against this daemon's socket; returns (status, stdout, stderr).
    func ctl(_ arguments: [String], socket: String? = nil, runAs uid: UInt32? = nil) async throws -> (status: Int32, out: String, err: String) {
        runs += 1
        return try await Self.run(
            Self.binary("invsyncctl"), ["--socket", socket ?? socketPath] + arguments, runAs: uid,
            outputBase: directory + "/ctl-\(runs)")
    }

    /// Runs a program to completion (optionally as another uid, through setpriv); returns (status, stdout, stderr).
    static func run(_ program: String, _ arguments: [String], runAs uid: UInt32? = nil, outputBase: String? = nil) async throws -> (status: Int32, out: String, err: String) {
        let base = outputBase ?? FileManager.default.temporaryDirectory.appendingPathComponent("invsync-run-\(UUID().uuidString)").path
        var executable = program
        var argv = arguments
        if let uid {
            executable = "/usr/bin/setpriv"
            argv = ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", program] + arguments
        }
        let child = try ChildProcess(
            executable, argv, environment: ["PATH": "/usr/bin:/bin"], outputPath: base + ".out", errorPath: base + ".err")
        let status = try await child.wait()
        let result = (status, child.output, child.error)
        if outputBase == nil {
            unlink(base + ".out")
            unlink(base + ".err")
        }
        return result
    }
}
