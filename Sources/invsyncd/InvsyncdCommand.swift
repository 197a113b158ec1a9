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

    func run() async throws {
        let status = checkConfig
            ? DaemonApplication.checkConfiguration(path: config)
            : await DaemonApplication.run(configPath: config)
        if status != 0 { throw ExitCode(status) }
    }
}
