import Foundation
import Inventory
import InventoryStore
import Logging
import SellingPartner

/// Follows the inbound shipments the seller created in Seller Central (Fulfillment Inbound 2024-03-20) and records
/// each as a transfer into the channel's FBA warehouse (R29): out of the source when it leaves, into the FBA
/// warehouse when Amazon closes it. Each leg is recorded once, keyed by (channel, shipment, SKU), across cycles and restarts.
///
/// The 2024-03-20 API gives each shipment's status and the quantities sent, not the quantities Amazon counted in:
/// the arrival leg books the quantity sent when the shipment is CLOSED, and any shortfall Amazon found shows up as an
/// FBA stock mismatch (R26) for the seller to adjust.
public struct InboundShipmentTracker: Sendable {
    private let environment: SyncEnvironment
    /// Where the units leave from; nil = the primary warehouse (R22).
    private let sourceWarehouse: String?

    public init(environment: SyncEnvironment, sourceWarehouse: String? = nil) {
        self.environment = environment
        self.sourceWarehouse = sourceWarehouse
    }

    private var database: AppDatabase { environment.database }
    private var logger: Logger { environment.logger }

    /// One pass over the channel's plans and still-open shipments; returns the stock movements recorded.
    /// A channel without an FBA warehouse has nothing to track.
    @discardableResult
    public func track(channel: ChannelName) async throws -> [StockMovement] {
        guard try database.fbaChannels().contains(where: { $0.channel == channel }) else { return [] }
        guard let endpoint = environment.channels[channel] else { throw FBAStockError.channelNotDeclared(channel.rawValue) }
        let client = endpoint.client
        let marketplace = endpoint.channel.marketplace.marketplaceId
        var known: [String: String] = [:]  // shipmentId → status as last recorded
        var finished: [String: Bool] = [:]  // inboundPlanId → every line received, returned or cancelled
        for line in try database.inboundShipments(channel: channel, limit: 100_000) {
            known[line.shipmentId] = line.status
            let done = line.received || line.returned || AppDatabase.InboundStage(status: line.status) == .cancelled
            finished[line.inboundPlanId] = (finished[line.inboundPlanId] ?? true) && done
        }
        var open = Set(try database.openInboundShipments(channel: channel).map { "\($0.inboundPlanId)/\($0.shipmentId)" })
        var movements: [StockMovement] = []
        for try await page in client.inboundPlanPages() {
            for plan in page.inboundPlans ?? [] where plan.marketplaceIds.contains(marketplace) {
                // A voided plan matters only if one of its shipments is being followed (cancelled after leaving).
                if plan.status == "VOIDED", !open.contains(where: { $0.hasPrefix(plan.inboundPlanId + "/") }) { continue }
                // A plan whose shipments have all ended costs no more requests (its shipments are fixed once placed).
                if finished[plan.inboundPlanId] == true { continue }
                let detail = try await client.getInboundPlan(plan.inboundPlanId)
                for shipment in detail.shipments ?? [] {
                    open.remove("\(plan.inboundPlanId)/\(shipment.shipmentId)")
                    guard known[shipment.shipmentId] != shipment.status else { continue }
                    movements += try await record(channel, client, planId: plan.inboundPlanId, shipmentId: shipment.shipmentId)
                }
            }
        }
        // Open shipments whose plan no longer lists (or pages) them: ask for them by id.
        for key in open.sorted() {
            let parts = key.split(separator: "/").map(String.init)
            movements += try await record(channel, client, planId: parts[0], shipmentId: parts[1])
        }
        return movements
    }

    private func record(_ channel: ChannelName, _ client: SellingPartnerClient, planId: String, shipmentId: String) async throws
        -> [StockMovement]
    {
        let shipment = try await client.getShipment(inboundPlanId: planId, shipmentId: shipmentId)
        let status = shipment.status ?? "UNCONFIRMED"
        let items = try await client.shipmentItems(inboundPlanId: planId, shipmentId: shipmentId)
        let movements = try database.recordInboundShipment(
            channel: channel, inboundPlanId: planId, shipmentId: shipmentId, status: status,
            lines: items.map { ($0.msku, $0.quantity) }, sourceWarehouse: sourceWarehouse, now: environment.clock.now())
        logger.info("inbound shipment recorded", metadata: [
            "channel": "\(channel)", "shipment": "\(shipmentId)", "status": "\(status)", "movements": "\(movements.count)",
        ])
        return movements
    }
}
