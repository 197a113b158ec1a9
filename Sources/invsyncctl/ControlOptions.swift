import ArgumentParser
import Foundation

/// Options every subcommand takes: where the daemon is, and how to print.
struct ControlOptions: ParsableArguments {
    @Option(name: .long, help: "The control socket (default: $INVSYNC_SOCKET, else /run/invsyncd.sock).")
    var socket: String?

    @Flag(name: .long, help: "Print the daemon's reply as JSON, for scripts.")
    var json = false

    var socketPath: String {
        socket ?? ProcessInfo.processInfo.environment["INVSYNC_SOCKET"] ?? "/run/invsyncd.sock"
    }
}
