import Foundation
import Inventory
import InventoryStore
import Logging
import SellingPartner
import ServiceLifecycle

/// Sends the shipment confirmations waiting in the outbox to Amazon (Orders v0 `confirmShipment`, R21).
///
/// The outbox is the `shipment` rows still `pending`, written in the transaction that recorded the shipment
/// (decision 5), so a crash loses none: the worker sweeps the outbox at start, then sleeps until the earliest
/// due confirmation or until `wake()` says a new one was written. A transient failure (5xx, transport, throttling)
/// backs off under `RetryPolicy` with jitter in the same row; Amazon's refusal (a 4xx) or the last attempt marks
/// it `failed` with the reason. Each pass is a task in the sync history (module `orders`, kind `shipment`).
///
/// Why its own backoff rather than `RetryQueue`: that queue re-fetches records from Amazon by sync module; a
/// confirmation is an outgoing side effect whose retry is "send it again", and its due time belongs in the row
/// written with the shipment, so one transaction holds both.
public final class ShipmentConfirmer: Service, Sendable {
    private let environment: SyncEnvironment
    private let policy: Inventory.RetryPolicy
    private let recheck: TimeInterval
    private let batchLimit: Int
    private let random: @Sendable () -> Double
    private let signal = WakeSignal()

    /// `recheck` bounds a sleep when nothing is due; `random` picks the jitter in [0, 1) (tests fix it).
    public init(environment: SyncEnvironment, policy: Inventory.RetryPolicy = .default, recheck: TimeInterval = 3600,
                batchLimit: Int = 50, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.environment = environment
        self.policy = policy
        self.recheck = max(1, recheck)
        self.batchLimit = max(1, batchLimit)
        self.random = random
    }

    /// Says a confirmation was written: the worker sends it now instead of at its next wake-up.
    public func wake() { signal.signal() }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await self.loop() }
        } catch is CancellationError {
            // Shutdown: what is not sent stays in the outbox for the next start.
        }
    }

    private func loop() async throws {
        let clock = environment.clock
        while !Task.isCancelled {
            var handled = 0
            var failed = false
            do {
                handled = try await confirmDue()
            } catch let error where !(error is CancellationError) {
                failed = true
                environment.logger.notice("shipment confirmation pass failed", metadata: ["reason": "\(error)"])
            }
            if handled >= batchLimit, !failed { continue }
            let now = clock.now()
            // Entries a pass could not settle are still due: wait a while rather than spin on them.
            let floor = now.addingTimeInterval(failed ? min(60, recheck) : 1)
            let next = ((try? environment.database.nextShipmentConfirmationDue()) ?? nil).map { max($0, floor) }
            await signal.wait(until: min(next ?? .distantFuture, now.addingTimeInterval(recheck)), clock: clock)
        }
    }

    /// Sends every confirmation due now, one history task per channel; returns how many it handled.
    @discardableResult
    public func confirmDue() async throws -> Int {
        let database = environment.database
        let due = try database.dueShipmentConfirmations(now: environment.clock.now(), limit: batchLimit)
        for (channel, shipments) in Dictionary(grouping: due, by: \.channel).sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            try Task.checkCancellation()
            guard let endpoint = environment.channels[channel] else {
                // The channel has no client now (not declared, or its credentials are unusable): look again later.
                for s in shipments {
                    try database.deferShipmentConfirmation(
                        s.id, attempts: s.attempts, nextAttemptAt: environment.clock.now().addingTimeInterval(recheck),
                        error: "channel \(channel) cannot reach Amazon now")
                }
                continue
            }
            let trigger: SyncTrigger = shipments.allSatisfy { $0.attempts == 0 } ? .manual : .retry
            let task = try database.startTask(channel: channel, module: .orders, trigger: trigger, now: environment.clock.now())
            var records: [TaskRecord] = []
            for shipment in shipments {
                records.append(await confirm(shipment, endpoint: endpoint))
            }
            try database.addRecords(task: task, records)
            try database.finishTask(task, now: environment.clock.now())
        }
        return due.count
    }

    /// Sends one confirmation and stores its outcome; returns the history record.
    private func confirm(_ shipment: Shipment, endpoint: SyncEnvironment.ChannelEndpoint) async -> TaskRecord {
        let database = environment.database
        let recordId = "\(shipment.amazonOrderId)/\(shipment.packageReference)"
        let attempts = shipment.attempts + 1
        var metadata: Logger.Metadata = [
            "channel": "\(shipment.channel)", "order": "\(shipment.amazonOrderId)",
            "package": "\(shipment.packageReference)", "attempt": "\(attempts)",
        ]
        let request = OrdersV0.ConfirmShipmentRequest(
            shipment: shipment, marketplaceId: endpoint.channel.marketplace.marketplaceId)
        do {
            try await endpoint.client.confirmShipment(orderId: shipment.amazonOrderId, request)
            try database.markShipmentConfirmed(shipment.id, attempts: attempts, now: environment.clock.now())
            environment.logger.info("shipment confirmed on Amazon", metadata: metadata)
            return TaskRecord(recordId: recordId, kind: "shipment", outcome: .synced)
        } catch {
            let reason = "\(error)"
            metadata["reason"] = "\(reason)"
            do {
                if Self.isRefusal(error), await alreadyShipped(shipment, client: endpoint.client) {
                    // Amazon took an earlier attempt whose reply was lost: the refusal is of the duplicate.
                    try database.markShipmentConfirmed(shipment.id, attempts: attempts, now: environment.clock.now())
                    environment.logger.info("shipment already confirmed on Amazon", metadata: metadata)
                    return TaskRecord(recordId: recordId, kind: "shipment", outcome: .synced)
                }
                if Self.isRefusal(error) {
                    try database.failShipmentConfirmation(shipment.id, attempts: attempts, error: reason)
                    environment.logger.warning("shipment confirmation refused by Amazon", metadata: metadata)
                    return TaskRecord(recordId: recordId, kind: "shipment", outcome: .failed, reason: "refused by Amazon: \(reason)")
                }
                guard let next = policy.nextAttempt(after: attempts, now: environment.clock.now(), random: random()) else {
                    try database.failShipmentConfirmation(shipment.id, attempts: attempts, error: "gave up after \(attempts) attempts: \(reason)")
                    environment.logger.warning("shipment confirmation given up", metadata: metadata)
                    return TaskRecord(recordId: recordId, kind: "shipment", outcome: .failed, reason: "gave up after \(attempts) attempts: \(reason)")
                }
                try database.deferShipmentConfirmation(shipment.id, attempts: attempts, nextAttemptAt: next, error: reason)
                metadata["next_attempt"] = "\(next)"
                environment.logger.notice("shipment confirmation will be retried", metadata: metadata)
                return TaskRecord(recordId: recordId, kind: "shipment", outcome: .failed, reason: "will retry: \(reason)")
            } catch {
                return TaskRecord(recordId: recordId, kind: "shipment", outcome: .failed, reason: "not stored: \(error)")
            }
        }
    }

    /// Whether Amazon already counts this package's units as shipped: each line's shipped quantity on Amazon
    /// covers this package and every earlier one. False when the order cannot be read.
    private func alreadyShipped(_ shipment: Shipment, client: SellingPartnerClient) async -> Bool {
        guard let reply = try? await client.getOrder(orderId: shipment.amazonOrderId, includedData: [.fulfillment]),
            let recorded = try? environment.database.shipments(order: String(shipment.orderId))
        else { return false }
        var amazon: [String: Int] = [:]
        for item in reply.order.orderItems { amazon[item.orderItemId] = item.quantityShipped ?? 0 }
        var upToThis: [String: Int] = [:]
        for s in recorded where s.packageReference <= shipment.packageReference {
            for l in s.lines { upToThis[l.lineId, default: 0] += l.quantity }
        }
        return shipment.lines.allSatisfy { (amazon[$0.lineId] ?? 0) >= (upToThis[$0.lineId] ?? .max) }
    }

    /// Amazon said no for good: a 4xx other than throttling, or a request the client would not form.
    static func isRefusal(_ error: any Error) -> Bool {
        switch error as? SellingPartnerError {
        case .api(let status, _): (400..<500).contains(status) && ![401, 403, 408, 429].contains(status)
        case .invalidRequest: true
        default: false
        }
    }
}
