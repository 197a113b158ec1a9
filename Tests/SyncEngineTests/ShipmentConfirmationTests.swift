import Foundation
import Inventory
import InventoryStore
import SellingPartner
import SyncEngine
import Testing

/// Shipment confirmation (R21) through the outbox and `ShipmentConfirmer` against the real sandbox over libcurl,
/// into a real SQLite file; the sandbox's record of received confirmations is the oracle.
@Suite(.serialized) struct ShipmentConfirmationTests {
    /// A fresh world with one confirmed MFN order of two units and one AFN order, synced in.
    func world() async throws -> (OrderSyncFixture, mfn: String, afn: String) {
        let f = try await OrderSyncFixture(orders: 20, pageSize: 100)
        let mfn = try #require(try await f.sandbox.admin("POST", "orders", [
            "marketplace": "US", "status": "UNSHIPPED", "fulfillmentChannel": "MFN",
            "items": [["sku": "SHIP-SKU", "quantity": 2], ["sku": "SHIP-SKU-2", "quantity": 1]],
        ])["orderId"] as? String)
        let afn = try #require(try await f.sandbox.admin("POST", "orders", [
            "marketplace": "US", "status": "UNSHIPPED", "fulfillmentChannel": "AFN", "items": [["sku": "SHIP-FBA", "quantity": 1]],
        ])["orderId"] as? String)
        try await f.clock.advance(by: 600)
        let outcome = await f.sync.run(SyncRequest(channel: f.us, module: .orders, trigger: .initial))
        #expect(outcome.status == .succeeded)
        return (f, mfn, afn)
    }

    func sandboxShipments(_ f: OrderSyncFixture, order: String) async throws -> [[String: Any]] {
        let all = try await f.sandbox.admin("GET", "shipments")["shipments"] as? [[String: Any]] ?? []
        return all.filter { ($0["orderId"] as? String) == order }
    }

    /// Waits (real time, bounded) until `condition` holds.
    func eventually(_ seconds: Double = 30, _ condition: () throws -> Bool) async throws -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try condition()
    }

    // R21: a partial and then a full shipment reach Amazon with their items, carrier and tracking; the next
    // order sync brings the order back shipped; the history shows each confirmation.
    @Test func shipmentsAreConfirmedOnAmazon() async throws {
        let (f, mfn, _) = try await world()
        let order = try #require(try f.db.order(amazonOrderId: mfn))
        let first = order.lines[0]
        let confirmer = ShipmentConfirmer(environment: f.environment)

        let partial = try f.db.createShipment(
            order: mfn, carrier: "ups", trackingNumber: "1Z0001", lines: [ShipmentLine(lineId: first.lineId, quantity: 1)],
            now: f.clock.now())
        #expect(try await confirmer.confirmDue() == 1)
        let rest = try f.db.createShipment(order: String(order.id), carrier: "Speedy Couriers", trackingNumber: "SC-2", lines: nil, now: f.clock.now())
        #expect(try await confirmer.confirmDue() == 1)
        #expect(try await confirmer.confirmDue() == 0)

        let sent = try await sandboxShipments(f, order: mfn)
        #expect(sent.count == 2)
        let packages = sent.compactMap { $0["packageDetail"] as? [String: Any] }
        #expect(packages.map { $0["packageReferenceId"] as? String } == ["1", "2"])
        #expect(packages[0]["carrierCode"] as? String == "UPS" && packages[0]["trackingNumber"] as? String == "1Z0001")
        #expect(packages[1]["carrierCode"] as? String == "Other" && packages[1]["carrierName"] as? String == "Speedy Couriers")
        let items0 = packages[0]["orderItems"] as? [[String: Any]] ?? []
        #expect(items0.count == 1 && items0[0]["orderItemId"] as? String == first.lineId && (items0[0]["quantity"] as? Int) == 1)
        let items1 = Dictionary(uniqueKeysWithValues: (packages[1]["orderItems"] as? [[String: Any]] ?? []).map {
            ($0["orderItemId"] as? String ?? "", $0["quantity"] as? Int ?? 0)
        })
        #expect(items1 == [first.lineId: 1, order.lines[1].lineId: 1])

        let stored = try f.db.shipments(order: mfn)
        #expect(stored.map(\.confirmation) == [.confirmed, .confirmed] && stored.map(\.id) == [partial.id, rest.id])
        let history = try f.db.tasks(channel: f.us, limit: 10).compactMap { try f.db.task(id: $0.id) }
            .flatMap(\.1).filter { $0.kind == "shipment" }
        #expect(Set(history.map(\.recordId)) == ["\(mfn)/1", "\(mfn)/2"] && history.allSatisfy { $0.outcome == .synced })

        // Amazon now reports the order shipped; syncing it changes nothing of what was shipped here.
        try await f.clock.advance(by: 600)
        #expect(await f.sync.run(SyncRequest(channel: f.us, module: .orders, trigger: .scheduled)).status == .succeeded)
        let after = try #require(try f.db.order(amazonOrderId: mfn))
        #expect(after.status == .shipped && after.lines.allSatisfy { $0.quantityShipped == $0.quantity })
    }

    // R21, R27: AFN orders are force-fulfilled: CreateShipment refuses them and nothing reaches Amazon.
    @Test func afnOrderIsRefused() async throws {
        let (f, _, afn) = try await world()
        #expect {
            _ = try f.db.createShipment(order: afn, carrier: "UPS", trackingNumber: "1Z", lines: nil, now: f.clock.now())
        } throws: { error in
            guard case ShipmentError.notShippable(let o, _) = error else { return false }
            return o == afn
        }
        #expect(try await ShipmentConfirmer(environment: f.environment).confirmDue() == 0)
        #expect(try await sandboxShipments(f, order: afn).isEmpty)
    }

    // R21, R11: 500s keep the confirmation in the outbox with backoff (shown in history), the running worker
    // is woken by the new shipment and confirms it once Amazon recovers — exactly one confirmation arrives.
    @Test func serverErrorsAreRetriedUntilConfirmed() async throws {
        let (f, mfn, _) = try await world()
        // The client tries 5 times per call: the first call fails, the second meets 2 more 500s, then succeeds.
        try await f.sandbox.fault("confirmShipment", "status", status: 500, count: 7)
        let confirmer = ShipmentConfirmer(
            environment: f.environment, policy: Inventory.RetryPolicy(base: 0.5, factor: 1, cap: 0.5, maxAttempts: 5),
            random: { 0.99 })
        let worker = Task { try await confirmer.run() }
        try await whileRunning(worker) {
            try await Task.sleep(for: .milliseconds(200))  // the worker is asleep with an empty outbox
            let s = try f.db.createShipment(order: mfn, carrier: "USPS", trackingNumber: "9400", lines: nil, now: f.clock.now())
            confirmer.wake()
            #expect(try await eventually { try f.db.shipments(order: mfn).first?.confirmation == .confirmed })
            let stored = try #require(try f.db.shipments(order: mfn).first)
            #expect(stored.id == s.id && stored.attempts == 2 && stored.lastError == nil)
            #expect(try await sandboxShipments(f, order: mfn).count == 1)
            let records = try f.db.tasks(channel: f.us, limit: 10).compactMap { try f.db.task(id: $0.id) }
                .flatMap(\.1).filter { $0.kind == "shipment" }
            #expect(records.contains { $0.outcome == .failed && ($0.reason ?? "").contains("will retry") })
            #expect(records.contains { $0.outcome == .synced })
        }
    }

    // R21, decision 5: a shipment recorded just before a crash is in the outbox; a worker started afterwards
    // sends it on its first sweep, with nobody waking it.
    @Test func shipmentRecordedBeforeACrashIsConfirmedAfterRestart() async throws {
        let (f, mfn, _) = try await world()
        _ = try f.db.createShipment(order: mfn, carrier: "DHL", trackingNumber: "JD0001", lines: nil, now: f.clock.now())
        let confirmer = ShipmentConfirmer(environment: f.environment)
        let worker = Task { try await confirmer.run() }
        try await whileRunning(worker) { () async throws in
            #expect(try await eventually { try f.db.shipments(order: mfn).first?.confirmation == .confirmed })
            #expect(try await sandboxShipments(f, order: mfn).count == 1)
        }
    }

    // R21: a reply lost after Amazon took the confirmation makes the client's retry a duplicate that Amazon
    // refuses; the worker reads the order back and records the confirmation, not a failure.
    @Test func lostReplyIsNotAFailure() async throws {
        let (f, mfn, _) = try await world()
        try await f.sandbox.fault("confirmShipment", "reset", count: 1)
        _ = try f.db.createShipment(order: mfn, carrier: "UPS", trackingNumber: "1ZLOST", lines: nil, now: f.clock.now())
        #expect(try await ShipmentConfirmer(environment: f.environment).confirmDue() == 1)
        #expect(try f.db.shipments(order: mfn).first?.confirmation == .confirmed)
        #expect(try await sandboxShipments(f, order: mfn).count == 1)
        #expect(try await f.sandbox.counts("confirmShipment").requests == 2)
    }

    // R21: Amazon's refusal (a 4xx) is final: the shipment stays recorded, its confirmation failed with the message.
    @Test func refusalIsRecordedWithAmazonsMessage() async throws {
        let (f, mfn, _) = try await world()
        try await f.sandbox.fault("confirmShipment", "status", status: 400, count: 1)
        _ = try f.db.createShipment(order: mfn, carrier: "UPS", trackingNumber: "1Z", lines: nil, now: f.clock.now())
        #expect(try await ShipmentConfirmer(environment: f.environment).confirmDue() == 1)
        let stored = try #require(try f.db.shipments(order: mfn).first)
        #expect(stored.confirmation == .failed && (stored.lastError ?? "").contains("400"))
        #expect(try f.db.nextShipmentConfirmationDue() == nil)
        #expect(try await sandboxShipments(f, order: mfn).isEmpty)
    }
}
