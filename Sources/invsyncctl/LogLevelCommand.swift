import ArgumentParser
import InvSyncInterface

extension DaemonInterface.LogLevel: ExpressibleByArgument {}

/// `invsyncctl log-level LEVEL` ↔ `io.invsync.Daemon.SetLogLevel`.
struct LogLevelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log-level",
        abstract: "Set the running daemon's log level until the next reload or restart.")

    @OptionGroup var options: ControlOptions

    @Argument(help: "One of: \(DaemonInterface.LogLevel.allCases.map(\.rawValue).joined(separator: ", ")).")
    var level: DaemonInterface.LogLevel

    func run() async throws {
        let reply = try await ControlConnection(options: options).call(
            DaemonInterface.Method.setLogLevel.qualified, DaemonInterface.SetLogLevelParameters(level: level),
            returning: DaemonInterface.NoReply.self)
        if options.json {
            JSONOutput.print(reply)
        } else {
            print("Log level set to \(level.rawValue).")
        }
    }
}
