import ArgumentParser
import InvSyncInterface

/// `invsyncctl retries` ↔ `io.invsync.Sync.ListRetries`.
struct RetriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retries", abstract: "List the records waiting in the retry queue.")

    @OptionGroup var options: ControlOptions
    @Option(help: "Only this channel's records.") var channel: String?

    func run() async throws {
        let reply = try await ControlConnection(options: options).call(
            SyncInterface.Method.listRetries.qualified, SyncInterface.ListRetriesParameters(channel: channel),
            returning: SyncInterface.ListRetriesReply.self)
        if options.json { return JSONOutput.print(reply) }
        if reply.retries.isEmpty { return print("The retry queue is empty.") }
        var table = TextTable(header: ["CHANNEL", "MODULE", "KIND", "RECORD", "ATTEMPTS", "NEXT ATTEMPT", "LAST ERROR"])
        for retry in reply.retries {
            table.rows.append([
                retry.channel, retry.module, retry.kind, retry.recordId, String(retry.attempts), retry.nextAttemptAt,
                retry.lastError ?? "-",
            ])
        }
        print(table.render())
    }
}
