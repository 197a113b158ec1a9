import ArgumentParser
import InvSyncInterface

/// `invsyncctl item …` ↔ `io.invsync.Inventory` item and listing methods.
struct ItemCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "item",
        abstract: "Items, their stock and their Amazon listings.",
        subcommands: [List.self, Show.self, Unconfirmed.self, Confirm.self, Link.self, Unlink.self, Adjust.self,
                      MarkFBA.self, MarkMFN.self, FBACompare.self])

    static func listingsTable(_ listings: [InventoryInterface.Listing]) -> String {
        var table = TextTable(header: ["CHANNEL", "LISTING", "ASIN", "FULFILMENT", "ITEM", "CONFIRMED", "PUSHED", "AMAZON"])
        for l in listings {
            table.rows.append([
                l.channel, l.sku, l.asin ?? "-", l.fulfillment.rawValue, l.itemSku ?? "-", l.confirmed ? "yes" : "no",
                l.pushedQuantity.map(String.init) ?? "-", l.amazonQuantity.map(String.init) ?? "-",
            ])
        }
        return table.render()
    }

    static func stockTable(_ stock: [InventoryInterface.WarehouseStock]) -> String {
        var table = TextTable(header: ["WAREHOUSE", "ON HAND", "COMMITTED", "AVAILABLE"])
        for s in stock { table.rows.append([s.warehouse, String(s.onHand), String(s.committed), String(s.available)]) }
        return table.render()
    }

    /// `item list` ↔ `ListItems`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List items by SKU.")
        @OptionGroup var options: ControlOptions
        @Flag(name: .long, help: "Only unconfirmed items.") var unconfirmed = false
        @Option(help: "Only fba or mfn items.") var fulfillment: InventoryInterface.Fulfillment?
        @Option(help: "Start after this SKU (the last one of the previous page).") var after: String?
        @Option(help: "At most this many items (default 100).") var limit: Int?
        func run() async throws {
            let reply = try await ControlConnection(options: options).call(
                InventoryInterface.Method.listItems.qualified,
                InventoryInterface.ListItemsParameters(
                    confirmed: unconfirmed ? false : nil, fulfillment: fulfillment?.rawValue, after: after, limit: limit),
                returning: InventoryInterface.ListItemsReply.self)
            if options.json { return JSONOutput.print(reply) }
            if reply.items.isEmpty { return print("No items. Items come from Amazon listings: invsyncctl sync items") }
            var table = TextTable(header: ["SKU", "FULFILMENT", "CONFIRMED", "NAME"])
            for i in reply.items { table.rows.append([i.sku, i.fulfillment.rawValue, i.confirmed ? "yes" : "no", i.name]) }
            print(table.render())
        }
    }

    /// `item show SKU` ↔ `GetItem`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an item, its stock per warehouse and its listings.")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The item's SKU.") var sku: String
        func run() async throws {
            let reply = try await ControlConnection(options: options).call(
                InventoryInterface.Method.getItem.qualified, InventoryInterface.GetItemParameters(sku: sku),
                returning: InventoryInterface.GetItemReply.self)
            if options.json { return JSONOutput.print(reply) }
            let item = reply.item
            print("\(item.sku): \(item.name) (\(item.fulfillment.rawValue)\(item.confirmed ? "" : ", unconfirmed"))")
            print("")
            print(ItemCommand.stockTable(reply.stock))
            print("")
            print(reply.listings.isEmpty ? "No listings linked." : ItemCommand.listingsTable(reply.listings))
        }
    }

    /// `item unconfirmed` ↔ `ListUnconfirmed`.
    struct Unconfirmed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List listings waiting to be confirmed or linked.")
        @OptionGroup var options: ControlOptions
        func run() async throws {
            let reply = try await ControlConnection(options: options).call(
                InventoryInterface.Method.listUnconfirmed.qualified, DaemonInterface.NoParameters(),
                returning: InventoryInterface.ListingsReply.self)
            if options.json { return JSONOutput.print(reply) }
            if reply.listings.isEmpty { return print("No unconfirmed listings.") }
            print(ItemCommand.listingsTable(reply.listings))
        }
    }

    /// `item confirm CHANNEL LISTING` ↔ `Confirm`.
    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Confirm a listing and the item it created.")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The listing's channel.") var channel: String
        @Argument(help: "The listing's seller SKU.") var listing: String
        func run() async throws {
            let reply = try await ControlConnection(options: options).call(
                InventoryInterface.Method.confirm.qualified,
                InventoryInterface.ListingParameters(channel: channel, listing: listing), returning: DaemonInterface.NoReply.self)
            if options.json { return JSONOutput.print(reply) }
            print("Listing \(listing) on \(channel) confirmed.")
        }
    }

    /// `item link CHANNEL LISTING SKU` ↔ `Link`.
    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Link a listing to an existing item.")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The listing's channel.") var channel: String
        @Argument(help: "The listing's seller SKU.") var listing: String
        @Argument(help: "The item's SKU.") var sku: String
        func run() async throws {
            let reply = try await ControlConnection(options: options).call(
                InventoryInterface.Method.link.qualified,
                InventoryInterface.LinkParameters(channel: channel, listing: listing, sku: sku), returning: DaemonInterface.NoReply.self)
            if options.json { return JSONOutput.print(reply) }
            print("Listing \(listing) on \(channel) linked to item \(sku).")
        }
    }

    /// `item unlink CHANNEL LISTING` ↔ `Unlink`.
    struct Unlink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Unlink a listing from its item.")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The listing's channel.") var channel: String
        @Argument(help: "The listing's seller SKU.") var listing: String
        func run() async throws {
            let reply = try await ControlConnection(options: options).call(
                InventoryInterface.Method.unlink.qualified,
                InventoryInterface.ListingParameters(channel: channel, listing: listing), returning: DaemonInterface.NoReply.self)
            if options.json { return JSONOutput.print(reply) }
            print("Listing \(listing) on \(channel) unlinked.")
        }
    }

    /// `item adjust SKU WAREHOUSE (--by N | --set N) --reason TEXT` ↔ `AdjustStock`.
    struct Adjust: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct an item's stock in a warehouse: by a difference (--by) or to a counted quantity (--set).")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The item's SKU.") var sku: String
        @Argument(help: "The warehouse.") var warehouse: String
        @Option(name: .customLong("by"), parsing: .unconditional, help: "Add this many units (negative to remove).") var delta: Int?
        @Option(name: .customLong("set"), help: "The counted on-hand quantity.") var quantity: Int?
        @Option(help: "Why (kept in the stock ledger).") var reason: String
        func validate() throws {
            if (delta == nil) == (quantity == nil) { throw ValidationError("give exactly one of --by N and --set N") }
        }
        func run() async throws {
            let reply = try await ControlConnection(options: options).call(
                InventoryInterface.Method.adjustStock.qualified,
                InventoryInterface.AdjustStockParameters(
                    sku: sku, warehouse: warehouse, quantityDelta: delta, newQuantity: quantity, reason: reason),
                returning: InventoryInterface.AdjustStockReply.self)
            if options.json { return JSONOutput.print(reply) }
            print(reply.delta == 0 ? "Nothing changed." : "Stock of \(sku) in \(warehouse) changed by \(reply.delta > 0 ? "+" : "")\(reply.delta).")
            print("")
            print(ItemCommand.stockTable(reply.stock))
        }
    }
}

extension InventoryInterface.Fulfillment: ExpressibleByArgument {}
