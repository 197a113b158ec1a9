import Foundation
import Inventory
import InventoryStore
import Logging

/// The items module of a channel's cycle followed by its FBA step (R26, R29): after the listings are synced, Amazon's
/// FBA stock is refreshed and inbound shipments are followed, on channels with an FBA warehouse.
///
/// The FBA step belongs to the items cycle rather than being a module of its own: `sync_task.module` is CHECKed to
/// items|orders by the frozen v1 migration, and a module of its own would mean rebuilding that table (and `retry`) for
/// a step that records no per-record history. Its outcome is logged; a failure leaves the items task as it was.
public struct FBAItemsCycle: ModuleSync {
    private let items: any ModuleSync
    private let stock: FBAStockSync
    private let inbound: InboundShipmentTracker
    private let logger: Logger

    public init(items: any ModuleSync, environment: SyncEnvironment) {
        self.items = items
        self.stock = FBAStockSync(environment: environment)
        self.inbound = InboundShipmentTracker(environment: environment)
        self.logger = environment.logger
    }

    public func run(_ request: SyncRequest) async -> SyncOutcome {
        let outcome = await items.run(request)
        // Timeframes and resyncs re-read chosen listings; the FBA step belongs to whole cycles only.
        guard request.timeframe == nil, request.resyncOf == nil, outcome.task != nil else { return outcome }
        await fbaStep(request.channel)
        return outcome
    }

    public func refetch(channel: ChannelName, recordIds: [String], task: SyncTask.ID?) async -> [TaskRecord] {
        await items.refetch(channel: channel, recordIds: recordIds, task: task)
    }

    /// Refreshes FBA stock and follows inbound shipments; each failure is logged and waits for the next cycle.
    func fbaStep(_ channel: ChannelName) async {
        do {
            try await stock.refresh(channel: channel)
        } catch {
            logger.notice("FBA stock refresh failed", metadata: ["channel": "\(channel)", "reason": "\(error)"])
        }
        do {
            try await inbound.track(channel: channel)
        } catch {
            logger.notice("inbound shipment tracking failed", metadata: ["channel": "\(channel)", "reason": "\(error)"])
        }
    }
}
