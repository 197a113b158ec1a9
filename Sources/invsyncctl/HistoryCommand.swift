import ArgumentParser
import InvSyncInterface

/// `invsyncctl history [show ID]` ↔ `io.invsync.Sync.ListTasks` / `GetTask`.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show the sync history: tasks, newest first, or one task's records.",
        subcommands: [List.self, Show.self, Resync.self],
        defaultSubcommand: List.self)

    /// `history [list]` ↔ `ListTasks`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List sync tasks, newest first.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Only this channel's tasks.") var channel: String?
        @Option(help: "Only tasks with this status: running, succeeded, failed or partial.") var status: SyncInterface.TaskStatus?
        @Option(help: "At most this many tasks (default 50).") var limit: Int?

        func run() async throws {
            let reply = try await ControlConnection(options: options).call(
                SyncInterface.Method.listTasks.qualified,
                SyncInterface.ListTasksParameters(channel: channel, status: status?.rawValue, limit: limit),
                returning: SyncInterface.ListTasksReply.self)
            if options.json { return JSONOutput.print(reply) }
            if reply.tasks.isEmpty { return print("No sync tasks. Tasks older than one month (failed: two) are deleted.") }
            var table = TextTable(header: ["ID", "CHANNEL", "MODULE", "TRIGGER", "STATUS", "STARTED", "ENDED", "SYNCED", "FAILED"])
            for task in reply.tasks {
                table.rows.append([
                    String(task.id), task.channel, task.module, task.trigger, task.status.rawValue, task.startedAt,
                    task.endedAt ?? "-", String(task.synced), String(task.failed),
                ])
            }
            print(table.render())
        }
    }

    /// `history show ID` ↔ `GetTask`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one task and what happened to each record.")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The task's id (see invsyncctl history).") var id: Int64

        func run() async throws {
            let reply = try await ControlConnection(options: options).call(
                SyncInterface.Method.getTask.qualified, SyncInterface.GetTaskParameters(id: id),
                returning: SyncInterface.GetTaskReply.self)
            if options.json { return JSONOutput.print(reply) }
            let task = reply.task
            print("task \(task.id): \(task.module) on \(task.channel) (\(task.trigger)), \(task.status.rawValue)")
            print("started \(task.startedAt), ended \(task.endedAt ?? "-"); \(task.synced) synced, \(task.failed) failed")
            guard !reply.records.isEmpty else { return }
            print("")
            var table = TextTable(header: ["RECORD", "KIND", "OUTCOME", "REASON"])
            for record in reply.records {
                table.rows.append([record.recordId, record.kind, record.outcome, record.reason ?? "-"])
            }
            print(table.render())
        }
    }

    /// `history resync ID` ↔ `Resync` (R10).
    struct Resync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Fetch every record of a task again; waits for the new task.")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The task to resync (see invsyncctl history).") var id: Int64

        func run() async throws {
            let reply = try await ControlConnection(options: options).call(
                SyncInterface.Method.resync.qualified, SyncInterface.ResyncParameters(id: id),
                returning: SyncInterface.ResyncReply.self)
            if options.json { return JSONOutput.print(reply) }
            let task = reply.task
            print("task \(task.id) resynced task \(id): \(task.status.rawValue), \(task.synced) synced, \(task.failed) failed")
            print("Details: invsyncctl history show \(task.id)")
        }
    }
}

extension SyncInterface.TaskStatus: ExpressibleByArgument {}
