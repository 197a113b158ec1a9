import ArgumentParser
import Foundation
import InvSyncInterface

/// `invsyncctl status` ↔ `io.invsync.Daemon.GetStatus`.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the daemon's state and every channel's.")

    @OptionGroup var options: ControlOptions

    func run() async throws {
        let status = try await ControlConnection(options: options).call(
            DaemonInterface.Method.getStatus.qualified, DaemonInterface.NoParameters(),
            returning: DaemonInterface.GetStatusReply.self)
        if options.json {
            JSONOutput.print(status)
            return
        }
        print("invsyncd \(status.version): \(status.state.rawValue) since \(status.startedAt)")
        print("config:    \(status.configPath)")
        print("state:     \(status.stateDirectory)")
        print("log level: \(status.logLevel)")
        print("")
        if status.channels.isEmpty {
            print("No channels. Declare one with a [[channel]] table in \(status.configPath), then: invsyncctl reload")
            return
        }
        var table = TextTable(header: ["CHANNEL", "MARKET", "ENABLED", "STATE", "INTERVAL", "LAST SYNC", "NEXT SYNC", "STOCK", "RETRIES", "WAREHOUSE"])
        for channel in status.channels {
            let warehouse = channel.fbaWarehouse.map { "fba:\($0)" } ?? channel.mappedWarehouse.map { "mapped:\($0)" } ?? "-"
            table.rows.append([
                channel.name, channel.marketplace, channel.enabled ? "yes" : "no", channel.state.rawValue,
                Self.interval(channel.syncIntervalMinutes), channel.lastSyncAt ?? "-", channel.nextSyncAt ?? "-",
                channel.stockSync.rawValue, String(channel.pendingRetries), warehouse,
            ])
        }
        print(table.render())
        for channel in status.channels {
            if let reason = channel.reason { print("\n\(channel.name): \(channel.state.rawValue): \(reason)") }
        }
    }

    static func interval(_ minutes: Int) -> String {
        let hours = minutes / 60, rest = minutes % 60
        switch (hours, rest) {
        case (0, _): return "\(rest)m"
        case (_, 0): return "\(hours)h"
        default: return "\(hours)h\(rest)m"
        }
    }
}
