import Foundation
import Inventory
import InventoryStore
import Synchronization
import Testing

/// The stock outbox as the pusher uses it: backoff kept across restarts, due entries, enqueue on SetStockSync, and
/// the in-process change signal (R16, decision 4).
struct StockPushOutboxTests {
    func seed(_ t: TemporaryDatabase, _ skus: [String], fulfillment: Fulfillment = .mfn) throws {
        try t.db.upsertListings(channel: shopUS, listings: skus.map { IncomingListing(sku: $0, title: $0, fulfillment: fulfillment) }, now: t0)
    }

    // R16: a failed push stays in the outbox, is not due before its backoff, survives a reopen, and counts attempts.
    @Test func postponedEntriesWaitForTheirBackoffAcrossRestarts() throws {
        let t = try inventoryDatabase()
        try seed(t, ["S-1", "S-2"])
        #expect(try t.db.dueStockOutbox(now: t0, limit: 10).map(\.entry.sku) == ["S-1", "S-2"])
        let attempts = try t.db.postponePush(channel: shopUS, sku: "S-1", reason: "HTTP 500", now: t0) { n in Double(n) * 60 }
        #expect(attempts == 1)
        #expect(try t.db.dueStockOutbox(now: t0, limit: 10).map(\.entry.sku) == ["S-2"])
        try t.reopen()
        #expect(try t.db.dueStockOutbox(now: t0.addingTimeInterval(59), limit: 10).map(\.entry.sku) == ["S-2"])
        let due = try t.db.dueStockOutbox(now: t0.addingTimeInterval(60), limit: 10)
        #expect(due.map(\.entry.sku) == ["S-1", "S-2"] && due.map(\.attempts) == [1, 0])
        #expect(try t.db.postponePush(channel: shopUS, sku: "S-1", reason: "HTTP 500", now: t0) { n in Double(n) * 60 } == 2)
        #expect(try t.db.dueStockOutbox(now: t0.addingTimeInterval(119), limit: 10).map(\.entry.sku) == ["S-2"])
        // The earliest work: S-2 was never tried, so it is due since it was enqueued.
        #expect(try t.db.nextStockPushDue() == t0)
        // takeStockOutbox still lists everything, due or not.
        #expect(try t.db.takeStockOutbox(limit: 10).count == 2)
        // Postponing an entry that was acknowledged meanwhile does nothing.
        try t.db.acknowledgePush(channel: shopUS, sku: "S-2", quantity: 0, version: 1)
        #expect(try t.db.postponePush(channel: shopUS, sku: "S-2", reason: "late", now: t0) { _ in 1 } == 0)
        #expect(try t.db.stockOutboxCount() == 1)
    }

    // R16: turning stock sync on enqueues the channel's MFN listings (not FBA) in the same transaction, so even a
    // listing whose stock never changed gets its quantity pushed; turning it off enqueues nothing.
    @Test func activatingStockSyncEnqueuesMFNListings() throws {
        let t = try inventoryDatabase()
        try seed(t, ["M-1", "M-2"])
        try seed(t, ["A-1"], fulfillment: .fba)
        for e in try t.db.takeStockOutbox(limit: 10) {
            try t.db.discardStockOutbox(channel: e.channel, sku: e.sku, version: e.version)
        }
        try t.db.setStockSyncActive(channel: shopUS, false)
        #expect(try t.db.stockOutboxCount() == 0)
        try t.db.setStockSyncActive(channel: shopUS, true, now: t0)
        let entries = try t.db.takeStockOutbox(limit: 10)
        #expect(entries.map(\.sku) == ["M-1", "M-2"])
        #expect(entries.allSatisfy { $0.desiredQuantity == 0 && $0.acknowledgedQuantity == nil })
        #expect(try t.db.channel(named: shopUS)?.1.stockSyncActive == true)
        #expect(throws: StoreError.noSuchChannel("nope")) {
            try t.db.setStockSyncActive(channel: try ChannelName("nope"), true)
        }
    }

    // The pusher's wake-up: one signal per committed transaction that enqueued work, none for a rolled back one
    // or for the pusher's own bookkeeping (acknowledge, postpone).
    @Test func outboxChangesSignalCommittedEnqueues() async throws {
        let t = try inventoryDatabase()
        try seed(t, ["W-1"])
        try t.db.recordStockMovement(sku: "W-1", warehouse: "Main", delta: 3, kind: .initial, reference: nil, reason: nil)
        let changes = try t.db.stockOutboxChanges()
        let counter = SignalCounter()
        let consumer = Task {
            for await _ in changes { counter.count.withLock { $0 += 1 } }
        }
        defer { consumer.cancel() }
        /// The signals seen after 200 ms more.
        func signals() async throws -> Int {
            try await Task.sleep(for: .milliseconds(200))
            return counter.count.withLock { $0 }
        }

        try t.db.adjustStock(sku: "W-1", warehouse: "Main", change: .delta(1), reason: "one")
        #expect(try await signals() == 1)
        let e = try #require(try t.db.takeStockOutbox(limit: 1).first)
        try t.db.postponePush(channel: shopUS, sku: "W-1", reason: "x", now: t0) { _ in 1 }
        try t.db.acknowledgePush(channel: shopUS, sku: "W-1", quantity: 4, version: e.version)
        try t.db.setStockSyncActive(channel: shopUS, false)
        #expect(try await signals() == 1)
        try t.db.adjustStock(sku: "W-1", warehouse: "Main", change: .delta(1), reason: "two")
        #expect(try await signals() == 2)
        // SetStockSync(active) enqueues: a signal too.
        try t.db.setStockSyncActive(channel: shopUS, true)
        #expect(try await signals() == 3)
    }
}

/// Signals seen by the test's consumer task.
private final class SignalCounter: Sendable {
    let count = Mutex(0)
}
