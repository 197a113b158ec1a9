import Foundation
import Glibc

/// Runs the built `invsyncd` (and `invsyncctl`) as real processes in a private temporary directory.
final class DaemonHarness: @unchecked Sendable {
    let directory: String
    let configPath: String
    let socketPath: String
    let notify: NotifyListener
    private(set) var process: Process?
    private let output = Pipe()
    private let outputLock = NSLock()
    private var outputText = ""

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
        directory = String(cString: bytes)
        chmod(directory, 0o755)
        configPath = directory + "/invsyncd.toml"
        socketPath = directory + "/control.sock"
        notify = try NotifyListener(directory: directory)
        try "test-client-secret".write(toFile: directory + "/client-secret", atomically: true, encoding: .utf8)
        try "Atzr|test-refresh-token".write(toFile: directory + "/refresh-token", atomically: true, encoding: .utf8)
        try writeConfig(channels: channels, daemonExtra: daemonExtra)
    }

    deinit {
        if let process, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? Self.binary("invsyncd"))
        process.arguments = arguments ?? ["--config", configPath]
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "NOTIFY_SOCKET": notify.path]
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardOutput = output
        process.standardError = output
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.outputLock.withLock { self.outputText += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        self.process = process
    }

    /// What the daemon wrote to stdout and stderr so far.
    var log: String { outputLock.withLock { outputText } }

    func signal(_ signal: Int32) {
        if let process { kill(process.processIdentifier, signal) }
    }

    /// Waits for the daemon to exit; returns its status.
    func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32 {
        guard let process else { throw TestFailure("not started") }
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline { throw TestFailure("invsyncd did not exit within \(timeout); log:\n\(log)") }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    /// Runs invsyncctl with `arguments` against this daemon's socket; returns (status, stdout, stderr).
    func ctl(_ arguments: [String], socket: String? = nil, runAs uid: UInt32? = nil) throws -> (status: Int32, out: String, err: String) {
        try Self.run(Self.binary("invsyncctl"), ["--socket", socket ?? socketPath] + arguments, runAs: uid)
    }

    /// Runs a program to completion (optionally as another uid, through setpriv); returns (status, stdout, stderr).
    static func run(_ program: String, _ arguments: [String], runAs uid: UInt32? = nil, environment: [String: String]? = nil) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        if let uid {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", program] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
