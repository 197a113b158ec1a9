import Foundation
import Inventory
import InventoryStore
import Logging
import SellingPartner
import ServiceLifecycle

/// Sends the MCF orders waiting in the outbox to Amazon and follows them until Amazon ships (R28).
///
/// `requested` outbound shipments are the outbox (written in one transaction with the request, decision 5);
/// they are sent at once when `submit` or `wake()` says so, swept at start after a crash, and retried with
/// backoff when Amazon cannot be reached. The `sellerFulfillmentOrderId` is derived from the order, so a retry
/// after a lost reply meets Amazon's "already exists" and is checked with getFulfillmentOrder, never sent twice.
/// Every `interval` (and on `refresh`) accepted orders are read back with getFulfillmentOrder; when Amazon has
/// finished one, its shipped units leave the FBA warehouse in the same transaction that records it (once).
public final class OutboundTracker: Service, Sendable {
    private let environment: SyncEnvironment
    private let interval: TimeInterval
    private let policy: Inventory.RetryPolicy
    private let random: @Sendable () -> Double
    private let signal = WakeSignal()

    public init(environment: SyncEnvironment, interval: TimeInterval = 1800, policy: Inventory.RetryPolicy = .default,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.environment = environment
        self.interval = max(1, interval)
        self.policy = policy
        self.random = random
    }

    /// Says an MCF request was written: the worker sends it now.
    public func wake() { signal.signal() }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await self.loop() }
        } catch is CancellationError {
            // Shutdown: requests not sent stay in the outbox; the next start sweeps them.
        }
    }

    private func loop() async throws {
        let clock = environment.clock
        var nextTrack = clock.now()
        while !Task.isCancelled {
            await submitDue()
            if clock.now() >= nextTrack {
                await trackAll()
                nextTrack = clock.now().addingTimeInterval(interval)
            }
            // A store that cannot be read says "due now" forever: never wake sooner than a second from now.
            let due = ((try? environment.database.nextOutboundRequestDue()) ?? nil).map { max($0, clock.now().addingTimeInterval(1)) }
            await signal.wait(until: min(due ?? .distantFuture, nextTrack), clock: clock)
        }
    }

    /// Sends every MCF request due now. A request that cannot even be formed (e.g. the vault has no key) is put
    /// off by `interval` with the reason, so the outbox never spins on it.
    public func submitDue() async {
        let due = (try? environment.database.dueOutboundRequests(now: environment.clock.now(), limit: 50)) ?? []
        for order in due where !Task.isCancelled {
            do {
                _ = try await send(order)
            } catch {
                let now = environment.clock.now()
                let attempts = (try? environment.database.outboundShipment(order: LocalSalesOrder.reference(order)).attempts) ?? 0
                try? environment.database.deferOutboundRequest(
                    order: order, attempts: attempts, nextAttemptAt: now.addingTimeInterval(interval), error: "\(error)", now: now)
                environment.logger.notice("outbound shipment not sent", metadata: [
                    "order": "\(LocalSalesOrder.reference(order))", "reason": "\(error)",
                ])
            }
        }
    }

    /// Sends the MCF request of a local order now (if it still waits) and returns the outbound shipment.
    @discardableResult
    public func submit(order: LocalSalesOrder.ID) async throws -> OutboundShipment {
        try await send(order)
    }

    private func send(_ order: LocalSalesOrder.ID) async throws -> OutboundShipment {
        let database = environment.database
        let submission = try database.outboundSubmission(order: order)
        let shipment = submission.shipment
        guard shipment.request == .requested else { return shipment }
        let now = environment.clock.now()
        let attempts = shipment.attempts + 1
        var metadata: Logger.Metadata = [
            "channel": "\(shipment.channel)", "order": "\(LocalSalesOrder.reference(order))",
            "mcf": "\(shipment.sellerFulfillmentOrderId)", "attempt": "\(attempts)",
        ]
        guard let endpoint = environment.channels[shipment.channel] else {
            try database.deferOutboundRequest(
                order: order, attempts: shipment.attempts, nextAttemptAt: now.addingTimeInterval(interval),
                error: "channel \(shipment.channel) cannot reach Amazon now", now: now)
            return try database.outboundShipment(order: LocalSalesOrder.reference(order))
        }
        let client = endpoint.client
        let request = FulfillmentOutbound.CreateFulfillmentOrderRequest(
            outbound: shipment, destination: submission.destination, orderDate: submission.orderDate,
            marketplaceId: endpoint.channel.marketplace.marketplaceId)
        do {
            _ = try await client.createFulfillmentOrder(request)
            try database.markOutboundAccepted(order: order, attempts: attempts, now: environment.clock.now())
            environment.logger.info("outbound shipment sent to Amazon", metadata: metadata)
        } catch {
            let reason = "\(error)"
            metadata["reason"] = "\(reason)"
            if ShipmentConfirmer.isRefusal(error) {
                // A reply lost after Amazon created the order makes the retry a duplicate: ask before giving up.
                if (try? await client.getFulfillmentOrder(shipment.sellerFulfillmentOrderId))?.payload != nil {
                    try database.markOutboundAccepted(order: order, attempts: attempts, now: environment.clock.now())
                    environment.logger.info("outbound shipment already on Amazon", metadata: metadata)
                } else {
                    try database.refuseOutboundRequest(order: order, attempts: attempts, error: reason, now: environment.clock.now())
                    environment.logger.warning("outbound shipment refused by Amazon", metadata: metadata)
                }
            } else if let next = policy.nextAttempt(after: attempts, now: environment.clock.now(), random: random()) {
                try database.deferOutboundRequest(order: order, attempts: attempts, nextAttemptAt: next, error: reason, now: environment.clock.now())
                metadata["next_attempt"] = "\(next)"
                environment.logger.notice("outbound shipment will be retried", metadata: metadata)
            } else {
                try database.refuseOutboundRequest(
                    order: order, attempts: attempts, error: "gave up after \(attempts) attempts: \(reason)", now: environment.clock.now())
                environment.logger.warning("outbound shipment given up", metadata: metadata)
            }
        }
        return try database.outboundShipment(order: LocalSalesOrder.reference(order))
    }

    /// Reads back every accepted MCF order not yet shipped, channel by channel (the tracking step of the cycle).
    public func trackAll() async {
        for name in environment.channels.keys.sorted(by: { $0.rawValue < $1.rawValue }) where !Task.isCancelled {
            let open = (try? environment.database.openOutboundShipments(channel: name)) ?? []
            for shipment in open where !Task.isCancelled {
                do {
                    _ = try await track(shipment)
                } catch {
                    environment.logger.notice("outbound shipment status not read", metadata: [
                        "channel": "\(name)", "order": "\(LocalSalesOrder.reference(shipment.order))", "reason": "\(error)",
                    ])
                }
            }
        }
    }

    /// Sends the request if it still waits, then reads the MCF order's status and tracking from Amazon now
    /// (RefreshOutboundShipment).
    public func refresh(order: LocalSalesOrder.ID) async throws -> OutboundShipment {
        let shipment = try await send(order)
        guard shipment.request == .accepted, shipment.stockMovedAt == nil else { return shipment }
        return try await track(shipment)
    }

    private func track(_ shipment: OutboundShipment) async throws -> OutboundShipment {
        guard let endpoint = environment.channels[shipment.channel] else { return shipment }
        let reply = try await endpoint.client.getFulfillmentOrder(shipment.sellerFulfillmentOrderId)
        guard let result = reply.payload else { return shipment }
        let package = result.firstPackage
        let finished = result.isFinished
        let updated = try environment.database.recordOutboundStatus(
            order: shipment.order, amazonStatus: result.fulfillmentOrder.fulfillmentOrderStatus.rawValue,
            statusUpdatedAt: result.fulfillmentOrder.statusUpdatedDate, carrier: package?.carrier,
            trackingNumber: package?.trackingNumber, shipped: finished ? result.shippedUnitsByLine : nil,
            now: environment.clock.now())
        if updated.amazonStatus != shipment.amazonStatus || (updated.stockMovedAt != nil) != (shipment.stockMovedAt != nil) {
            environment.logger.info("outbound shipment status changed", metadata: [
                "channel": "\(shipment.channel)", "order": "\(LocalSalesOrder.reference(shipment.order))",
                "status": "\(updated.amazonStatus ?? "")", "stock_moved": "\(updated.stockMovedAt != nil)",
            ])
        }
        return updated
    }
}
