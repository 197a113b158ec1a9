import Daemon
import Foundation
import InvSyncInterface
import Inventory
import InventoryStore
import Testing
import Varlink

/// GetStatus keeps the channels it last showed until a commit changes what they show (issue 6: p99 under 5 ms while a
/// large sync writes). These tests hold the kept copy to the database: after every kind of write GetStatus reports, a
/// call shows exactly what a fresh read shows, and the writes of an order page leave the copy in place.
struct StatusSnapshotTests {
    let directory: String
    let database: AppDatabase
    let us = try! ChannelName("amazon-us")

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("invsync-status-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        database = try AppDatabase.open(path: directory + "/invsyncd.sqlite")
        try database.registerChannels([Channel(name: us, marketplace: .us, sellerId: "A2SELLER")])
        try database.setPrimaryWarehouse(name: "Main")
    }

    func runtime() throws -> DaemonRuntime {
        try MinimalConfiguration.writeCredentials(in: directory)
        let parser = ConfigurationParser(environment: [:])
        let configuration = try parser.parse(text: MinimalConfiguration.text(), path: directory + "/invsyncd.toml")
        return DaemonRuntime(configuration: configuration, database: database, parser: parser, controlSocketDescription: "test",
                             startedAt: Date(timeIntervalSince1970: 1_700_000_000), logger: .init(label: "test"))
    }

    func order(_ id: String) throws -> IncomingOrder {
        IncomingOrder(
            amazonOrderId: id, status: .unshipped, fulfillmentChannel: .mfn, purchasedAt: Date(timeIntervalSince1970: 1_700_000_000),
            lastUpdatedAt: Date(timeIntervalSince1970: 1_700_000_000),
            lines: [IncomingOrderLine(lineId: "\(id)-1", sku: "MUG-RED", asin: "B000MUG001", quantity: 1,
                                      unitPrice: try Money(amount: "9.50", currency: "USD"))])
    }

    /// The channel as the long-lived runtime shows it, checked against a runtime that has kept nothing yet.
    func shown(_ runtime: DaemonRuntime, _ step: String) async throws -> DaemonInterface.ChannelStatus {
        let kept = try await runtime.status().channels
        let fresh = try await self.runtime().status().channels
        #expect(kept == fresh, "\(step)")
        // The bytes the connection writes: re-encoded whenever the reply changed.
        let written = try JSONDecoder().decode(DaemonInterface.GetStatusReply.self, from: try await runtime.encodedStatus().json)
        #expect(written.channels == fresh, "\(step)")
        return try #require(kept.first { $0.name == us.rawValue })
    }

    // R6, R17, R11, R16, R21: every change GetStatus reports shows in the next call (read-your-writes).
    @Test func everyChangeShowsInTheNextCall() async throws {
        let runtime = try runtime()
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(try await shown(runtime, "start").enabled)
        #expect(try await shown(runtime, "again").pendingRetries == 0)

        try database.setEnabled(channel: us, false)
        #expect(try await shown(runtime, "disabled").enabled == false)
        try database.setSyncInterval(channel: us, try SyncInterval(minutes: 150))
        #expect(try await shown(runtime, "interval").syncIntervalMinutes == 150)
        try database.setChannelState(channel: us, state: .error, reason: "Amazon refused the token")
        let failed = try await shown(runtime, "state")
        #expect(failed.state == .error && failed.reason == "Amazon refused the token")
        try database.recordSyncTimes(channel: us, last: now, next: now.addingTimeInterval(3600))
        #expect(try await shown(runtime, "times").lastSyncAt == "2023-11-14T22:13:20Z")
        try database.setStockSync(channel: us, active: true, fbaWarehouse: nil, mappedWarehouse: "Main")
        #expect(try await shown(runtime, "stock sync").stockSync == .active)

        // R11: a record waiting in the retry queue.
        try database.enqueueRetry(channel: us, module: .orders, kind: "order", recordId: "R-1", nextAttemptAt: now,
                                  lastError: "HTTP 500", task: nil, now: now)
        #expect(try await shown(runtime, "retry").pendingRetries == 1)
        // An order page: listings, stock, orders, pushes enqueued with no attempt yet — nothing GetStatus counts.
        _ = try database.upsertListings(channel: us, listings: [IncomingListing(sku: "MUG-RED", asin: "B000MUG001", title: "Red mug")])
        _ = try database.recordStockMovement(sku: "MUG-RED", warehouse: "Main", delta: 10, kind: .initial, reference: nil, reason: nil)
        _ = try database.upsertOrders(channel: us, orders: [try order("111-0000000-0000001")], cursor: now)
        #expect(try await shown(runtime, "order page").pendingRetries == 1)
        // R16: a push that failed once counts; acknowledging it removes it.
        _ = try database.postponePush(channel: us, sku: "MUG-RED", reason: "Amazon answered 500", now: now) { _ in 60 }
        #expect(try await shown(runtime, "failed push").pendingRetries == 2)
        // R21: a shipment confirmation not yet accepted counts, and no longer once confirmed.
        let shipment = try database.createShipment(order: "111-0000000-0000001", carrier: "UPS", trackingNumber: "1Z999", lines: nil, now: now)
        #expect(try await shown(runtime, "shipment").pendingRetries == 3)
        try database.acknowledgePush(channel: us, sku: "MUG-RED", quantity: 9, version: Int64.max)
        #expect(try await shown(runtime, "push acknowledged").pendingRetries == 2)
        try database.markShipmentConfirmed(shipment.id, attempts: 1, now: now)
        #expect(try await shown(runtime, "shipment confirmed").pendingRetries == 1)

        // Channels declared again (a reload): a new channel shows at once.
        try database.registerChannels([Channel(name: us, marketplace: .us, sellerId: "A2SELLER"),
                                       Channel(name: try ChannelName("amazon-uk"), marketplace: .uk, sellerId: "A2SELLER")])
        #expect(try await runtime.status().channels.map(\.name) == ["amazon-uk", "amazon-us"])
    }

    /// The writes of an order page change nothing GetStatus shows, so they leave its kept channels in place; a change
    /// of a setting, or a push's failure, counts once per commit; a write that is rolled back does not count.
    @Test func orderPagesDoNotCountAsChanges() throws {
        let changes = try database.observeChannelStatusChanges()
        _ = try database.upsertListings(channel: us, listings: [IncomingListing(sku: "MUG-RED", asin: "B000MUG001", title: "Red mug")])
        _ = try database.recordStockMovement(sku: "MUG-RED", warehouse: "Main", delta: 10, kind: .initial, reference: nil, reason: nil)
        let before = changes.count
        for page in 0..<3 {
            _ = try database.upsertOrders(channel: us, orders: (0..<20).map { try! order("111-000000\(page)-00000\($0 + 10)") },
                                          cursor: Date(timeIntervalSince1970: 1_700_000_000))
        }
        #expect(try database.failedStockPushes().isEmpty)
        #expect(changes.count == before)

        try database.setEnabled(channel: us, false)
        #expect(changes.count == before + 1)
        #expect(throws: StoreError.self) { try database.setEnabled(channel: try ChannelName("amazon-nowhere"), false) }
        #expect(changes.count == before + 1)
        _ = try database.postponePush(channel: us, sku: "MUG-RED", reason: "Amazon answered 500", now: Date()) { _ in 60 }
        #expect(changes.count == before + 2)
    }
}
