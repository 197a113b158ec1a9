import InvSyncInterface
import Inventory
import InventoryStore
import Logging
import Varlink

/// Serves `io.invsync.Channels`: validates each preference change against the channel, the organization and
/// the warehouses, then persists it in the store.
struct ChannelsControlHandler: VarlinkInterfaceHandler {
    let interface: VarlinkInterface
    let runtime: DaemonRuntime
    let authorizer: ControlAuthorizer
    let logger: Logger

    init(runtime: DaemonRuntime, authorizer: ControlAuthorizer, logger: Logger) throws {
        self.interface = try VarlinkInterface(parsing: InvSyncIDL.channels)
        self.runtime = runtime
        self.authorizer = authorizer
        self.logger = logger
    }

    private var database: AppDatabase { runtime.database }

    func handle(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws {
        try await authorizer.authorize(call)
        guard let method = ChannelsInterface.Method(rawValue: call.method) else {
            throw VarlinkError.methodNotFound("\(call.interface).\(call.method)")
        }
        try await ControlErrors.translate(naming: Self.named) {
            switch method {
            case .setEnabled:
                let p = try call.decode(ChannelsInterface.SetEnabledParameters.self)
                let (channel, _) = try lookUp(p.channel)
                try database.setEnabled(channel: channel.name, p.enabled)
                changed(call, channel: channel.name, "enabled", "\(p.enabled)")
            case .setSyncInterval:
                let p = try call.decode(ChannelsInterface.SetSyncIntervalParameters.self)
                let (channel, _) = try lookUp(p.channel)
                // R6: only the allowed values; the error lists them.
                guard let interval = try? SyncInterval(minutes: p.minutes) else {
                    throw VarlinkError(ChannelsInterface.ErrorName.intervalNotAllowed, parameters: [
                        "minutes": .number(Double(p.minutes)),
                        "allowed": .array(SyncInterval.allowedMinutes.map { .number(Double($0)) }),
                    ])
                }
                try database.setSyncInterval(channel: channel.name, interval)
                changed(call, channel: channel.name, "sync_interval_minutes", "\(p.minutes)")
            case .setStockSync:
                let p = try call.decode(ChannelsInterface.SetStockSyncParameters.self)
                let (channel, _) = try lookUp(p.channel)
                // R16: turning stock sync on enqueues the channel's MFN listings in the same transaction.
                try database.setStockSyncActive(channel: channel.name, p.active)
                changed(call, channel: channel.name, "stock_sync", "\(p.active)")
            case .setOrderSyncMode:
                let p = try call.decode(ChannelsInterface.SetOrderSyncModeParameters.self)
                // R17: one mode for every channel.
                try database.setOrderSyncMode(p.mode == .confirmed ? .confirmed : .confirmedAndFulfilled)
                logger.notice("order sync mode changed", metadata: ["mode": "\(p.mode.rawValue)", "uid": "\(call.peer.uid)"])
            case .setFBAWarehouse:
                let p = try call.decode(ChannelsInterface.SetWarehouseParameters.self)
                try await setFBAWarehouse(p, call: call)
            case .setWarehouseMapping:
                let p = try call.decode(ChannelsInterface.SetWarehouseParameters.self)
                try await setWarehouseMapping(p, call: call)
            }
        }
        try await replies.send(DaemonInterface.NoReply(), continues: false)
    }

    /// FBA stock is tracked only for a US channel of a US business, in an existing warehouse, and never together
    /// with a warehouse mapping (R24).
    private func setFBAWarehouse(_ p: ChannelsInterface.SetWarehouseParameters, call: VarlinkCall) async throws {
        let (channel, settings) = try lookUp(p.channel)
        if let warehouse = p.warehouse {
            guard channel.marketplace == .us else {
                throw notAllowed(channel.name, "FBA stock tracking is for US channels only; this channel's marketplace is \(channel.marketplace.code)")
            }
            let location = await runtime.organization.businessLocation
            guard location == "US" else {
                throw notAllowed(channel.name, "FBA stock tracking needs [organization] business_location = \"US\" (it is \"\(location)\")")
            }
            try requireWarehouse(warehouse, error: ChannelsInterface.ErrorName.noSuchWarehouse)
            if let mapped = settings.mappedWarehouse {
                throw VarlinkError(ChannelsInterface.ErrorName.conflict, parameters: [
                    "channel": .string(channel.name.rawValue),
                    "reason": .string("the channel is mapped to warehouse '\(mapped)'; turn the mapping off first (invsyncctl channel map \(channel.name.rawValue) --off)"),
                ])
            }
        }
        try database.setStockSync(
            channel: channel.name, active: settings.stockSyncActive, fbaWarehouse: p.warehouse,
            mappedWarehouse: settings.mappedWarehouse)
        changed(call, channel: channel.name, "fba_warehouse", p.warehouse ?? "off")
    }

    /// A mapping needs multi_warehouse, an existing warehouse, and no FBA tracking on the channel (R24).
    private func setWarehouseMapping(_ p: ChannelsInterface.SetWarehouseParameters, call: VarlinkCall) async throws {
        let (channel, settings) = try lookUp(p.channel)
        if let warehouse = p.warehouse {
            guard await runtime.organization.multiWarehouse else {
                throw notAllowed(channel.name, "warehouse mapping needs [organization] multi_warehouse = true in the configuration, then invsyncctl reload")
            }
            try requireWarehouse(warehouse, error: ChannelsInterface.ErrorName.noSuchWarehouse)
            if let fba = settings.fbaWarehouse {
                throw VarlinkError(ChannelsInterface.ErrorName.conflict, parameters: [
                    "channel": .string(channel.name.rawValue),
                    "reason": .string("the channel tracks FBA stock in warehouse '\(fba)'; turn FBA tracking off first (invsyncctl channel fba \(channel.name.rawValue) --off)"),
                ])
            }
        }
        try database.setStockSync(
            channel: channel.name, active: settings.stockSyncActive, fbaWarehouse: settings.fbaWarehouse,
            mappedWarehouse: p.warehouse)
        changed(call, channel: channel.name, "mapped_warehouse", p.warehouse ?? "off")
    }

    private func lookUp(_ name: String) throws -> (Channel, ChannelSettings) {
        guard let channelName = try? ChannelName(name), let found = try database.channel(named: channelName) else {
            throw VarlinkError(ChannelsInterface.ErrorName.noSuchChannel, parameters: ["channel": .string(name)])
        }
        return found
    }

    private func requireWarehouse(_ name: String, error: String) throws {
        guard try database.warehouses().contains(where: { $0.name == name }) else {
            throw VarlinkError(error, parameters: ["warehouse": .string(name)])
        }
    }

    private func notAllowed(_ channel: ChannelName, _ reason: String) -> VarlinkError {
        VarlinkError(ChannelsInterface.ErrorName.notAllowed, parameters: ["channel": .string(channel.rawValue), "reason": .string(reason)])
    }

    private func changed(_ call: VarlinkCall, channel: ChannelName, _ setting: String, _ value: String) {
        logger.notice("channel setting changed", metadata: [
            "channel": "\(channel)", "setting": "\(setting)", "value": "\(value)", "uid": "\(call.peer.uid)",
        ])
    }

    static func named(_ error: StoreError) -> VarlinkError? {
        switch error {
        case .noSuchChannel(let name):
            VarlinkError(ChannelsInterface.ErrorName.noSuchChannel, parameters: ["channel": .string(name)])
        case .noSuchWarehouse(let name):
            VarlinkError(ChannelsInterface.ErrorName.noSuchWarehouse, parameters: ["warehouse": .string(name)])
        default: nil
        }
    }
}
