import ArgumentParser
import InvSyncInterface

/// `invsyncctl order outbound ID [--refresh]` ↔ `CreateOutboundShipment` / `RefreshOutboundShipment` (R28).
struct OrderOutboundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbound",
        abstract: "Have Amazon ship the FBA lines of a local sales order (Multi-Channel Fulfilment), or show its status.")
    @OptionGroup var options: ControlOptions
    @Argument(help: "The local sales order, L<number>.") var id: String
    @Flag(help: "Read the shipment's status and tracking from Amazon now instead of creating it.") var refresh = false

    func run() async throws {
        let method = refresh ? InventoryInterface.Method.refreshOutboundShipment : .createOutboundShipment
        let reply = try await ControlConnection(options: options).call(
            method.qualified, InventoryInterface.OutboundShipmentParameters(order: id),
            returning: InventoryInterface.OutboundShipmentReply.self)
        if options.json { return JSONOutput.print(reply) }
        let s = reply.shipment
        print("outbound shipment \(s.sellerFulfillmentOrderId) for \(s.order) via \(s.channel) from \(s.warehouse)")
        print("request: \(s.request.rawValue)\(s.lastError.map { " (\($0))" } ?? ""); Amazon status: \(s.amazonStatus ?? "-")")
        print("tracking: \(s.carrier ?? "-") \(s.trackingNumber ?? "-"); shipped: \(s.shippedAt ?? "-")")
        var table = TextTable(header: ["LINE", "SKU", "QTY", "SHIPPED BY"])
        for l in s.fbaLines { table.rows.append([String(l.lineNumber), l.sku, String(l.quantity), "Amazon (FBA)"]) }
        for l in s.sellerLines { table.rows.append([String(l.lineNumber), l.sku, String(l.quantity), "you (not FBA)"]) }
        print(table.render())
        if !s.sellerLines.isEmpty { print("The lines shipped by you are not part of this shipment: ship them yourself.") }
    }
}
