import ArgumentParser
import Foundation
import InvSyncInterface

/// `invsyncctl sync items|orders [--channel C] [--from T --to T] [--wait]` ↔ `io.invsync.Sync.Start`.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync items or orders now, on one channel or every active one.",
        discussion: """
            Without --from/--to it fetches what changed since the last sync; with both (RFC 3339, e.g.
            2026-11-01T00:00:00Z) it fetches that timeframe. A sync already running on a channel is joined, not
            started twice. --wait follows the tasks to their end and exits 1 if any of them failed.
            """,
        subcommands: [Items.self, Orders.self])

    struct Options: ParsableArguments {
        @OptionGroup var control: ControlOptions
        @Option(help: "Only this channel (default: every enabled and active channel).") var channel: String?
        @Option(help: "Start of a custom timeframe (RFC 3339); needs --to.") var from: String?
        @Option(help: "End of a custom timeframe (RFC 3339); needs --from.") var to: String?
        @Flag(help: "Follow the tasks until they end, with their progress.") var wait = false
    }

    struct Items: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sync listings into items.")
        @OptionGroup var options: Options
        func run() async throws { try await SyncCommand.start("items", options) }
    }

    struct Orders: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sync orders into sales orders.")
        @OptionGroup var options: Options
        func run() async throws { try await SyncCommand.start("orders", options) }
    }

    static func start(_ module: String, _ options: Options) async throws {
        let parameters = SyncInterface.StartParameters(module: module, channel: options.channel, from: options.from, to: options.to)
        let connection = ControlConnection(options: options.control)
        let method = SyncInterface.Method.start.qualified
        guard options.wait else {
            let reply = try await connection.call(method, parameters, returning: SyncInterface.StartReply.self)
            if options.control.json { return JSONOutput.print(reply) }
            print(table(reply.tasks))
            print("Follow them with: invsyncctl history show ID")
            return
        }
        let terminal = isatty(STDOUT_FILENO) == 1 && !options.control.json
        var last: SyncInterface.StartReply?
        var lastLine = ""
        try await connection.callMore(method, parameters, returning: SyncInterface.StartReply.self) { reply in
            last = reply
            if options.control.json { return JSONOutput.print(reply) }
            let line = progress(reply.tasks, width: terminal ? 24 : 0)
            if terminal {
                // One line rewritten in place: a progress bar per task.
                FileHandle.standardOutput.write(Data(("\r\u{1B}[K" + line).utf8))
            } else if line != lastLine {
                print(line)
            }
            lastLine = line
        }
        if terminal { print("") }
        guard let tasks = last?.tasks else { return }
        if !options.control.json { print(table(tasks)) }
        if tasks.contains(where: { $0.status == .failed }) { throw ExitCode(1) }
    }

    /// `amazon-us orders #12 [#####.....] 340 synced, 2 failed` per task; `width` 0 leaves the bar out.
    static func progress(_ tasks: [SyncInterface.Task], width: Int) -> String {
        tasks.map { task in
            var text = "\(task.channel) \(task.module) #\(task.id) \(task.status.rawValue)"
            if width > 0 {
                // Amazon does not say how many records a sync will bring, so the bar moves until the task ends.
                let filled = task.status == .running ? (task.synced + task.failed) % (width + 1) : width
                text += " [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
            }
            return text + " \(task.synced) synced, \(task.failed) failed"
        }.joined(separator: "  |  ")
    }

    static func table(_ tasks: [SyncInterface.Task]) -> String {
        var table = TextTable(header: ["ID", "CHANNEL", "MODULE", "TRIGGER", "STATUS", "SYNCED", "FAILED"])
        for task in tasks {
            table.rows.append([String(task.id), task.channel, task.module, task.trigger, task.status.rawValue,
                               String(task.synced), String(task.failed)])
        }
        return table.render()
    }
}
