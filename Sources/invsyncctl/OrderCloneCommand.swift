import ArgumentParser
import InvSyncInterface

/// `invsyncctl order clone ID` ↔ `io.invsync.Inventory.CloneOrder`: a local draft, no buyer data (R32).
struct OrderCloneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clone",
        abstract: "Copy an order into a local draft (no buyer data, not linked to Amazon, takes no stock).")
    @OptionGroup var options: ControlOptions
    @Argument(help: "The local id or the Amazon order id.") var id: String
    func run() async throws {
        let reply = try await ControlConnection(options: options).call(
            InventoryInterface.Method.cloneOrder.qualified, InventoryInterface.CloneOrderParameters(order: id),
            returning: InventoryInterface.CloneOrderReply.self)
        if options.json { return JSONOutput.print(reply) }
        let o = reply.order
        print("draft \(o.id) cloned from \(id): customer \(o.customerName); warehouse \(o.warehouse); \(o.lines.count) lines")
        var table = TextTable(header: ["LINE", "SKU", "QTY", "UNIT PRICE"])
        for l in o.lines {
            table.rows.append([l.lineId, l.sku, String(l.quantity), l.unitPrice.map { "\($0) \(l.currency ?? "")" } ?? "-"])
        }
        print(table.render())
    }
}
