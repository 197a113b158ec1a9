import ArgumentParser
import Foundation
import InvSyncInterface

/// `invsyncctl order export` ↔ `io.invsync.Inventory.ExportOrders`: order lines as CSV, no buyer data (R32).
struct OrderExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export order lines as CSV (no buyer data), to stdout or a file.")
    @OptionGroup var options: ControlOptions
    @Option(help: "Only this channel's orders.") var channel: String?
    @Option(help: "Purchased at or after this time (RFC 3339).") var from: String?
    @Option(help: "Purchased before this time (RFC 3339).") var to: String?
    @Option(help: "Only orders with this status.") var status: String?
    @Option(name: [.customShort("o"), .customLong("output")], help: "Write the CSV to this file instead of stdout.")
    var output: String?

    func validate() throws {
        if (from == nil) != (to == nil) { throw ValidationError("give both --from and --to, or neither") }
    }

    func run() async throws {
        let reply = try await ControlConnection(options: options).call(
            InventoryInterface.Method.exportOrders.qualified,
            InventoryInterface.ExportOrdersParameters(channel: channel, from: from, to: to, status: status),
            returning: InventoryInterface.ExportOrdersReply.self)
        if options.json { return JSONOutput.print(reply) }
        let lines = reply.csv.components(separatedBy: "\r\n").count - 2
        guard let output else { return FileHandle.standardOutput.write(Data(reply.csv.utf8)) }
        // 0600: an export is business data the seller decides to share, not for every local user.
        guard FileManager.default.createFile(atPath: output, contents: Data(reply.csv.utf8), attributes: [.posixPermissions: 0o600])
        else { throw ValidationError("cannot write \(output): check the directory exists and is writable") }
        print("\(lines) order lines written to \(output)")
    }
}
