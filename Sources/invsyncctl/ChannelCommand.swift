import ArgumentParser
import InvSyncInterface

extension ChannelsInterface.OrderSyncMode: ExpressibleByArgument {}

/// `invsyncctl channel …` ↔ `io.invsync.Channels`: one subcommand per method.
struct ChannelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "channel",
        abstract: "Change a channel's runtime preferences (root only).",
        subcommands: [Enable.self, Disable.self, Interval.self, StockSync.self, FBA.self, Map.self, OrderMode.self])

    /// Sends one call that returns nothing and prints `done` on success.
    static func send(_ options: ControlOptions, _ method: ChannelsInterface.Method, _ parameters: some Encodable & Sendable, done: String) async throws {
        let reply = try await ControlConnection(options: options).call(
            method.qualified, parameters, returning: DaemonInterface.NoReply.self)
        if options.json { JSONOutput.print(reply) } else { print(done) }
    }

    /// `channel enable NAME` ↔ `SetEnabled(enabled: true)`.
    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a channel: it syncs and pushes stock again.")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The channel's name.") var channel: String
        func run() async throws {
            try await ChannelCommand.send(
                options, .setEnabled, ChannelsInterface.SetEnabledParameters(channel: channel, enabled: true),
                done: "Channel \(channel) enabled.")
        }
    }

    /// `channel disable NAME` ↔ `SetEnabled(enabled: false)`.
    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a channel: no sync, no stock push; its data stays.")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The channel's name.") var channel: String
        func run() async throws {
            try await ChannelCommand.send(
                options, .setEnabled, ChannelsInterface.SetEnabledParameters(channel: channel, enabled: false),
                done: "Channel \(channel) disabled.")
        }
    }

    /// `channel interval NAME MINUTES` ↔ `SetSyncInterval`.
    struct Interval: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the minutes between automatic syncs: 30, 60, 90, 120, 150, 180, 210 or 240.")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The channel's name.") var channel: String
        @Argument(help: "Minutes: 30, 60, 90, 120, 150, 180, 210 or 240.") var minutes: Int
        func run() async throws {
            try await ChannelCommand.send(
                options, .setSyncInterval, ChannelsInterface.SetSyncIntervalParameters(channel: channel, minutes: minutes),
                done: "Channel \(channel) now syncs every \(StatusCommand.interval(minutes)).")
        }
    }

    /// `channel stock-sync NAME on|off` ↔ `SetStockSync`.
    struct StockSync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stock-sync", abstract: "Turn the push of stock changes to Amazon on or off.")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The channel's name.") var channel: String
        @Argument(help: "on or off.") var state: Switch
        func run() async throws {
            try await ChannelCommand.send(
                options, .setStockSync, ChannelsInterface.SetStockSyncParameters(channel: channel, active: state == .on),
                done: "Stock sync of \(channel) is \(state == .on ? "active" : "inactive").")
        }
    }

    /// `channel fba NAME WAREHOUSE|--off` ↔ `SetFBAWarehouse`.
    struct FBA: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fba", abstract: "Track a US channel's FBA stock in a warehouse, or stop (--off).")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The channel's name.") var channel: String
        @Argument(help: "The warehouse holding FBA stock.") var warehouse: String?
        @Flag(name: .long, help: "Stop tracking FBA stock.") var off = false
        func validate() throws {
            if (warehouse == nil) == !off { throw ValidationError("give either a WAREHOUSE or --off") }
        }
        func run() async throws {
            try await ChannelCommand.send(
                options, .setFBAWarehouse, ChannelsInterface.SetWarehouseParameters(channel: channel, warehouse: warehouse),
                done: warehouse.map { "Channel \(channel) tracks FBA stock in warehouse \($0)." } ?? "Channel \(channel) no longer tracks FBA stock.")
        }
    }

    /// `channel map NAME WAREHOUSE|--off` ↔ `SetWarehouseMapping`.
    struct Map: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Map a channel's orders and pushed stock to a warehouse, or stop (--off). Needs multi_warehouse.")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The channel's name.") var channel: String
        @Argument(help: "The warehouse to map to.") var warehouse: String?
        @Flag(name: .long, help: "Remove the mapping.") var off = false
        func validate() throws {
            if (warehouse == nil) == !off { throw ValidationError("give either a WAREHOUSE or --off") }
        }
        func run() async throws {
            try await ChannelCommand.send(
                options, .setWarehouseMapping, ChannelsInterface.SetWarehouseParameters(channel: channel, warehouse: warehouse),
                done: warehouse.map { "Channel \(channel) is mapped to warehouse \($0)." } ?? "Channel \(channel) is no longer mapped.")
        }
    }

    /// `channel order-mode MODE` ↔ `SetOrderSyncMode` (global, R17).
    struct OrderMode: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "order-mode",
            abstract: "Which Amazon orders every channel imports: confirmed, or confirmedAndFulfilled.")
        @OptionGroup var options: ControlOptions
        @Argument(help: "confirmed or confirmedAndFulfilled.") var mode: ChannelsInterface.OrderSyncMode
        func run() async throws {
            try await ChannelCommand.send(
                options, .setOrderSyncMode, ChannelsInterface.SetOrderSyncModeParameters(mode: mode),
                done: "Order sync mode is \(mode.rawValue) for every channel.")
        }
    }
}
