import ArgumentParser
import InvSyncInterface

/// `invsyncctl order list|show|ship|outbound|create` ↔ `io.invsync.Inventory.ListOrders` / `GetOrder` /
/// `CreateShipment` / `CreateOutboundShipment` / `CreateSalesOrder` (never buyer PII).
struct OrderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order", abstract: "Sales orders imported from Amazon (no buyer data).",
        subcommands: [
            List.self, Show.self,
            OrderCloneCommand.self,
            OrderExportCommand.self,
            OrderShipCommand.self,
            OrderOutboundCommand.self,
            OrderCreateCommand.self,
        ])

    /// `order list` ↔ `ListOrders`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List orders, newest purchase first.")
        @OptionGroup var options: ControlOptions
        @Option(help: "Only this channel's orders.") var channel: String?
        @Option(help: "Only orders with this status (pending, unshipped, partiallyShipped, shipped, cancelled, …).") var status: String?
        @Option(help: "At most this many orders (default 50).") var limit: Int?
        func run() async throws {
            let reply = try await ControlConnection(options: options).call(
                InventoryInterface.Method.listOrders.qualified,
                InventoryInterface.ListOrdersParameters(channel: channel, status: status, limit: limit),
                returning: InventoryInterface.ListOrdersReply.self)
            if options.json { return JSONOutput.print(reply) }
            if reply.orders.isEmpty { return print("No orders.") }
            var table = TextTable(header: ["ID", "CHANNEL", "AMAZON ORDER", "STATUS", "FULFILMENT", "PURCHASED", "LINES", "PII"])
            for o in reply.orders {
                table.rows.append([
                    String(o.id), o.channel, o.amazonOrderId, o.status, o.fulfillmentChannel, o.purchasedAt,
                    String(o.lines.count), o.piiState.rawValue,
                ])
            }
            print(table.render())
        }
    }

    /// `order show ID` ↔ `GetOrder`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one order by local id or Amazon order id.")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The local id or the Amazon order id.") var id: String
        func run() async throws {
            let reply = try await ControlConnection(options: options).call(
                InventoryInterface.Method.getOrder.qualified, InventoryInterface.GetOrderParameters(id: id),
                returning: InventoryInterface.GetOrderReply.self)
            if options.json { return JSONOutput.print(reply) }
            let o = reply.order
            print("order \(o.id) (\(o.amazonOrderId)) on \(o.channel): \(o.status), \(o.fulfillmentChannel)\(o.forceFulfilled ? ", force-fulfilled" : "")")
            print("customer \(o.customerName); warehouse \(o.warehouse); buyer data \(o.piiState.rawValue)")
            print("purchased \(o.purchasedAt), updated \(o.lastUpdatedAt), fulfilled \(o.fulfilledAt ?? "-")")
            if !o.comments.isEmpty { print("comments: \(o.comments)") }
            print("")
            var table = TextTable(header: ["LINE", "SKU", "ASIN", "QTY", "SHIPPED", "UNIT PRICE"])
            for l in o.lines {
                table.rows.append([
                    l.lineId, l.sku, l.asin ?? "-", String(l.quantity), String(l.quantityShipped),
                    l.unitPrice.map { "\($0) \(l.currency ?? "")" } ?? "-",
                ])
            }
            print(table.render())
        }
    }
}
