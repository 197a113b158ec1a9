import ArgumentParser
import InvSyncInterface

/// `invsyncctl inbound …` ↔ `io.invsync.Inventory` inbound shipment methods (R29).
struct InboundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbound", abstract: "Inbound shipments to Amazon, tracked as transfers into the FBA warehouse.",
        subcommands: [List.self])

    /// `inbound list [--channel NAME]` ↔ `ListInboundShipments`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tracked inbound shipments, one row per SKU.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Only this channel's shipments.") var channel: String?
        func run() async throws {
            let reply = try await ControlConnection(options: options).call(
                InventoryInterface.Method.listInboundShipments.qualified,
                InventoryInterface.ListInboundShipmentsParameters(channel: channel),
                returning: InventoryInterface.ListInboundShipmentsReply.self)
            if options.json { return JSONOutput.print(reply) }
            if reply.shipments.isEmpty { return print("No inbound shipments yet. They are read from Amazon on each items sync.") }
            var table = TextTable(header: ["CHANNEL", "SHIPMENT", "SKU", "STATUS", "QTY", "FROM", "TO", "STOCK"])
            for s in reply.shipments {
                let stock = !s.matched ? "no item" : s.returned ? "returned" : s.received ? "received" : s.shipped ? "in transit" : "not sent"
                table.rows.append([s.channel, s.shipmentId, s.sku, s.status, String(s.quantity), s.sourceWarehouse, s.fbaWarehouse, stock])
            }
            print(table.render())
        }
    }
}
