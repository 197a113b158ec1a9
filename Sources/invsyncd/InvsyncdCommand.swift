import ArgumentParser
import Daemon
import Foundation

/// `invsyncd`: the daemon's entry point.
@main
struct InvsyncdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invsyncd",
        abstract: "Keeps a seller's inventory database in step with Amazon Seller Central.",
        discussion: "Run it under systemd (invsyncd.service); control it with invsyncctl.",
        version: DaemonVersion.current)

    @Option(name: .long, help: "The configuration file.")
    var config: String = "/etc/invsyncd/invsyncd.toml"

    @Flag(name: .long, help: "Validate the configuration, print every problem with its line, and exit.")
    var checkConfig = false

    /// Resets the signal state before anything else runs, then parses and runs as ArgumentParser would.
    static func main() async {
        DaemonApplication.resetSignalState()
        do {
            var command = try parseAsRoot()
            if let daemon = command as? InvsyncdCommand {
                try await daemon.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    func run() async throws {
        let status = checkConfig
            ? DaemonApplication.checkConfiguration(path: config)
            : await DaemonApplication.run(configPath: config)
        if status != 0 { throw ExitCode(status) }
    }
}
