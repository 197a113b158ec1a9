import ArgumentParser
import InvSyncInterface

/// `invsyncctl reap [--dry-run]` ↔ `io.invsync.Daemon.Reap`.
struct ReapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reap",
        abstract: "Delete expired sync history (R12) and purge expired buyer PII (R31) now.",
        discussion: "The daemon also does this every hour on its own.")

    @OptionGroup var options: ControlOptions

    @Flag(name: .long, help: "Only count what would be deleted.")
    var dryRun = false

    func run() async throws {
        let reply = try await ControlConnection(options: options).call(
            DaemonInterface.Method.reap.qualified, DaemonInterface.ReapParameters(dryRun: dryRun),
            returning: DaemonInterface.ReapReply.self)
        if options.json {
            JSONOutput.print(reply)
        } else if dryRun {
            print("Would delete \(reply.historyDeleted) sync task(s) and purge buyer PII of \(reply.piiPurged) order(s).")
        } else {
            print("Deleted \(reply.historyDeleted) sync task(s); purged buyer PII of \(reply.piiPurged) order(s).")
        }
    }
}
