import ArgumentParser
import Foundation

/// `invsyncctl`: one subcommand per control method, grouped by noun.
@main
struct Invsyncctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invsyncctl",
        abstract: "Control a running invsyncd over its Varlink socket.",
        discussion: """
            Exit codes: 0 ok, 1 the daemon said no (the named error is printed), 2 usage, 3 cannot reach the daemon.
            The socket is --socket PATH, else $INVSYNC_SOCKET, else /run/invsyncd.sock.
            """,
        version: "0.1.0",
        subcommands: [
            StatusCommand.self, ReloadCommand.self, LogLevelCommand.self, ReapCommand.self, ChannelCommand.self,
            SyncCommand.self, HistoryCommand.self, RetriesCommand.self, ItemCommand.self, OrderCommand.self, WarehouseCommand.self,
            PrivacyCommand.self,
            InboundCommand.self,
        ])

    /// `--socket PATH` and `--json` may stand before the subcommand (`invsyncctl --socket PATH status`);
    /// ArgumentParser takes them after it, so they are moved there.
    static func movingGlobalOptions(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var rest = arguments[...]
        while let first = rest.first {
            if first == "--json" {
                leading.append(first)
                rest = rest.dropFirst()
            } else if first == "--socket", rest.count >= 2 {
                leading.append(contentsOf: rest.prefix(2))
                rest = rest.dropFirst(2)
            } else if first.hasPrefix("--socket=") {
                leading.append(first)
                rest = rest.dropFirst()
            } else {
                break
            }
        }
        guard !leading.isEmpty, !rest.isEmpty else { return arguments }
        return Array(rest) + leading
    }

    /// Runs the command line, mapping every failure to the exit codes of CONTROL.md.
    static func main() async {
        do {
            var command = try parseAsRoot(Self.movingGlobalOptions(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as ControlFailure {
            failure.report()
            Foundation.exit(failure.exitCode)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            // ArgumentParser says 64 for usage errors; CONTROL.md says 2.
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}
