import ArgumentParser
import InvSyncInterface

/// `invsyncctl warehouse list|add` ↔ `io.invsync.Inventory.ListWarehouses` / `AddWarehouse`.
struct WarehouseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warehouse", abstract: "Warehouses holding stock.", subcommands: [List.self, Add.self])

    /// `warehouse list` ↔ `ListWarehouses`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List warehouses, the primary first.")
        @OptionGroup var options: ControlOptions
        func run() async throws {
            let reply = try await ControlConnection(options: options).call(
                InventoryInterface.Method.listWarehouses.qualified, DaemonInterface.NoParameters(),
                returning: InventoryInterface.ListWarehousesReply.self)
            if options.json { return JSONOutput.print(reply) }
            if reply.warehouses.isEmpty { return print("No warehouses. Add one with: invsyncctl warehouse add NAME") }
            var table = TextTable(header: ["NAME", "PRIMARY", "KIND"])
            for w in reply.warehouses { table.rows.append([w.name, w.isPrimary ? "yes" : "no", w.kind]) }
            print(table.render())
        }
    }

    /// `warehouse add NAME` ↔ `AddWarehouse`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a warehouse.")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The new warehouse's name.") var name: String
        func run() async throws {
            let reply = try await ControlConnection(options: options).call(
                InventoryInterface.Method.addWarehouse.qualified, InventoryInterface.AddWarehouseParameters(name: name),
                returning: InventoryInterface.AddWarehouseReply.self)
            if options.json { return JSONOutput.print(reply) }
            print("Warehouse \(reply.warehouse.name) added.")
        }
    }
}
