import ArgumentParser
import InvSyncInterface

/// `invsyncctl reload` ↔ `io.invsync.Daemon.Reload`.
struct ReloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Re-read the configuration file; an invalid file is refused and the running configuration stays.")

    @OptionGroup var options: ControlOptions

    func run() async throws {
        let reply = try await ControlConnection(options: options).call(
            DaemonInterface.Method.reload.qualified, DaemonInterface.NoParameters(),
            returning: DaemonInterface.ReloadReply.self)
        if options.json {
            JSONOutput.print(reply)
        } else if reply.changes.isEmpty {
            print("Configuration reloaded: nothing changed.")
        } else {
            print("Configuration reloaded:")
            for change in reply.changes { print("  \(change)") }
        }
    }
}
