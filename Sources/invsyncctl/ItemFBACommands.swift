import ArgumentParser
import InvSyncInterface

/// `invsyncctl item mark-fba|mark-mfn|fba-compare` ↔ `MarkFulfillment` and `CompareFBAStock` (R25, R26).
extension ItemCommand {
    /// `item mark-fba SKU…` ↔ `MarkFulfillment(channel: fba)`.
    struct MarkFBA: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mark-fba",
            abstract: "Mark items FBA; their FBA stock is fetched from Amazon and recorded in the FBA warehouse.")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The items' SKUs (all or none are marked).") var skus: [String]
        func run() async throws {
            let reply = try await ItemCommand.mark(skus, .fba, options)
            if options.json { return JSONOutput.print(reply) }
            print("\(skus.count) item(s) marked FBA.")
            if !reply.adjustments.isEmpty {
                var table = TextTable(header: ["SKU", "WAREHOUSE", "ADJUSTED BY"])
                for a in reply.adjustments { table.rows.append([a.sku, a.warehouse, a.delta > 0 ? "+\(a.delta)" : "\(a.delta)"]) }
                print(table.render())
            }
        }
    }

    /// `item mark-mfn SKU…` ↔ `MarkFulfillment(channel: mfn)`.
    struct MarkMFN: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "mark-mfn", abstract: "Mark items MFN (merchant fulfilled).")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The items' SKUs (all or none are marked).") var skus: [String]
        func run() async throws {
            let reply = try await ItemCommand.mark(skus, .mfn, options)
            if options.json { return JSONOutput.print(reply) }
            print("\(skus.count) item(s) marked MFN.")
        }
    }

    static func mark(_ skus: [String], _ channel: InventoryInterface.Fulfillment, _ options: ControlOptions) async throws
        -> InventoryInterface.MarkFulfillmentReply
    {
        try await ControlConnection(options: options).call(
            InventoryInterface.Method.markFulfillment.qualified,
            InventoryInterface.MarkFulfillmentParameters(skus: skus, fulfillmentChannel: channel),
            returning: InventoryInterface.MarkFulfillmentReply.self)
    }

    /// `item fba-compare [SKU] [--cached]` ↔ `CompareFBAStock`.
    struct FBACompare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fba-compare",
            abstract: "Compare FBA warehouse stock with Amazon's fulfillable stock; adjust mismatches with `item adjust`.")
        @OptionGroup var options: ControlOptions
        @Argument(help: "One item's SKU (default: every FBA item).") var sku: String?
        @Flag(name: .long, help: "Show the figures of the last sync cycle instead of asking Amazon now.") var cached = false
        func run() async throws {
            let reply = try await ControlConnection(options: options).call(
                InventoryInterface.Method.compareFBAStock.qualified,
                InventoryInterface.CompareFBAStockParameters(sku: sku, cached: cached ? true : nil),
                returning: InventoryInterface.CompareFBAStockReply.self)
            if options.json { return JSONOutput.print(reply) }
            if reply.rows.isEmpty { return print("No FBA items. Mark items FBA: invsyncctl item mark-fba SKU…") }
            var table = TextTable(header: ["SKU", "CHANNEL", "WAREHOUSE", "LOCAL", "AMAZON", "MISMATCH"])
            for r in reply.rows {
                table.rows.append([r.sku, r.channel, r.warehouse, String(r.local), r.amazon.map(String.init) ?? "-", r.mismatch ? "yes" : "no"])
            }
            print(table.render())
        }
    }
}
