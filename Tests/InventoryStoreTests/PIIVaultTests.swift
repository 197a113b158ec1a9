import Foundation
import Testing
import Inventory
import InventoryStore

/// The PII vault: sealed at rest (R30), crypto-shredded on the R31 schedule.
struct PIIVaultTests {
    static let jane = BuyerPII(
        buyerName: "Jane Quillfeather", buyerEmail: "jane.quillfeather@marketplace.example", buyerPhone: "+1 555 0199 7788",
        recipientName: "Jane Quillfeather", addressLines: ["77 Zanzibar Crescent", "Apt 5"], city: "Xylopolis",
        stateOrRegion: "WA", postalCode: "98999", countryCode: "US")

    @Test func roundTrip() throws {
        let t = try inventoryDatabase()
        try t.db.upsertOrders(channel: shopUS, orders: [order("A", buyer: Self.jane), order("B")], cursor: nil)
        let a = try #require(try t.db.order(amazonOrderId: "A"))
        #expect(a.piiState == .present)
        #expect(try t.db.revealBuyer(order: a.id) == Self.jane)
        let b = try #require(try t.db.order(amazonOrderId: "B"))
        #expect(b.piiState == PIIState.none)  // none stored when the order carries none
        #expect(try t.db.revealBuyer(order: b.id) == nil)
        #expect(throws: StoreError.noSuchOrder("424242")) { try t.db.revealBuyer(order: 424242) }
        // Survives a reopen with the same key.
        try t.reopen()
        #expect(try t.db.revealBuyer(order: a.id) == Self.jane)
    }

    @Test func newBlobReplacesOldAndAbsentKeepsIt() throws {
        let t = try inventoryDatabase()
        try t.db.upsertOrders(channel: shopUS, orders: [order("A", buyer: Self.jane)], cursor: nil)
        var moved = Self.jane
        moved.city = "Newtown"
        try t.db.upsertOrders(channel: shopUS, orders: [order("A", updated: 10, buyer: moved)], cursor: nil)
        #expect(try t.db.rowCount(table: "pii_vault") == 1)
        let id = try #require(try t.db.order(amazonOrderId: "A")?.id)
        #expect(try t.db.revealBuyer(order: id)?.city == "Newtown")
        try t.db.upsertOrders(channel: shopUS, orders: [order("A", updated: 20)], cursor: nil)
        #expect(try t.db.revealBuyer(order: id)?.city == "Newtown")
    }

    @Test func wrongKeyCannotOpenAndNoKeyIsLocked() throws {
        let t = try inventoryDatabase()
        try t.db.upsertOrders(channel: shopUS, orders: [order("A", buyer: Self.jane)], cursor: nil)
        let id = try #require(try t.db.order(amazonOrderId: "A")?.id)
        t.db.close()
        let other = try AppDatabase.open(path: t.path, vaultKey: try VaultKey(bytes: [UInt8](repeating: 9, count: 32)))
        #expect(throws: StoreError.vaultCorrupt) { try other.revealBuyer(order: id) }
        other.close()
        let locked = try AppDatabase.open(path: t.path)
        defer { locked.close() }
        #expect(throws: StoreError.vaultLocked) { try locked.revealBuyer(order: id) }
        #expect(throws: StoreError.vaultLocked) {
            try locked.upsertOrders(channel: shopUS, orders: [order("B", buyer: Self.jane)], cursor: nil)
        }
        #expect(try locked.order(amazonOrderId: "B") == nil)
        // Orders without PII still sync without a key.
        try locked.upsertOrders(channel: shopUS, orders: [order("C")], cursor: nil)
        #expect(throws: StoreError.invalidVaultKey(byteCount: 31)) { try VaultKey(bytes: [UInt8](repeating: 0, count: 31)) }
    }

    @Test func noPlaintextInDatabaseOrWAL() throws {
        // R30: nothing in clear in the database file or its WAL.
        let t = try inventoryDatabase()
        let orders = (0..<50).map { i in
            var b = Self.jane
            b.buyerEmail = "buyer\(i).quillfeather@marketplace.example"
            return order("O-\(i)", buyer: b)
        }
        try t.db.upsertOrders(channel: shopUS, orders: orders, cursor: t0)
        try t.db.upsertOrders(channel: shopUS, orders: [order("O-1", .shipped, updated: 5, buyer: Self.jane)], cursor: nil)
        var checkedFiles = 0
        for suffix in ["", "-wal"] {
            let path = t.path + suffix
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            checkedFiles += 1
            for needle in ["Quillfeather", "quillfeather", "Zanzibar", "Xylopolis", "0199 7788", "98999"] {
                #expect(data.range(of: Data(needle.utf8)) == nil, "\(needle) found in \(path)")
            }
        }
        #expect(checkedFiles >= 1)
        // The test can fail: the amazon order id is stored in clear and is found.
        let all = (FileManager.default.contents(atPath: t.path) ?? Data()) + (FileManager.default.contents(atPath: t.path + "-wal") ?? Data())
        #expect(all.range(of: Data("O-49".utf8)) != nil)
    }

    @Test func purgeScheduleWithRefulfilment() throws {
        // R31: 30 days after fulfilment, cancelled orders too; a refulfilment restarts the clock.
        let t = try inventoryDatabase()
        try t.db.upsertOrders(
            channel: shopUS, orders: [order("S", buyer: Self.jane), order("X", buyer: Self.jane), order("O", buyer: Self.jane)],
            cursor: nil)
        try t.db.upsertOrders(channel: shopUS, orders: [order("S", .shipped, updated: 0)], cursor: nil)
        try t.db.upsertOrders(channel: shopUS, orders: [order("X", .cancelled, updated: 2 * day)], cursor: nil)
        // S is reopened on day 5 and shipped again on day 10: its clock restarts at day 10.
        try t.db.upsertOrders(channel: shopUS, orders: [order("S", .partiallyShipped, updated: 5 * day)], cursor: nil)
        try t.db.upsertOrders(channel: shopUS, orders: [order("S", .shipped, updated: 10 * day)], cursor: nil)

        #expect(try t.db.purgeExpiredPII(now: t0.addingTimeInterval(30 * day), batchSize: 10) == 0)
        #expect(try t.db.purgeExpiredPII(now: t0.addingTimeInterval(32 * day), batchSize: 10) == 1)
        #expect(try t.db.order(amazonOrderId: "X")?.piiState == .purged)
        #expect(try t.db.order(amazonOrderId: "S")?.piiState == .present)
        #expect(try t.db.purgeExpiredPII(now: t0.addingTimeInterval(40 * day - 1), batchSize: 10) == 0)
        #expect(try t.db.purgeExpiredPII(now: t0.addingTimeInterval(40 * day), batchSize: 10) == 1)
        let s = try #require(try t.db.order(amazonOrderId: "S"))
        #expect(s.piiState == .purged)
        #expect(try t.db.revealBuyer(order: s.id) == nil)
        // The open order keeps its PII forever until fulfilled.
        #expect(try t.db.purgeExpiredPII(now: t0.addingTimeInterval(3650 * day), batchSize: 10) == 0)
        #expect(try t.db.order(amazonOrderId: "O")?.piiState == .present)
        #expect(try t.db.rowCount(table: "pii_vault") == 1)
        // A purged order never takes PII again.
        try t.db.upsertOrders(channel: shopUS, orders: [order("X", .cancelled, updated: 50 * day, buyer: Self.jane)], cursor: nil)
        #expect(try t.db.order(amazonOrderId: "X")?.piiState == .purged)
    }

    @Test func purgeRunsInBatches() throws {
        let t = try inventoryDatabase()
        try t.db.setOrderSyncMode(.confirmedAndFulfilled)
        let orders = (0..<25).map { order("S-\($0)", .shipped, buyer: Self.jane) }
        try t.db.upsertOrders(channel: shopUS, orders: orders, cursor: nil)
        let later = t0.addingTimeInterval(31 * day)
        #expect(try t.db.purgeExpiredPII(now: later, batchSize: 10) == 10)
        #expect(try t.db.purgeExpiredPII(now: later, batchSize: 10) == 10)
        #expect(try t.db.purgeExpiredPII(now: later, batchSize: 10) == 5)
        #expect(try t.db.purgeExpiredPII(now: later, batchSize: 10) == 0)
        #expect(try t.db.orders(limit: 100).allSatisfy { $0.piiState == .purged })
    }
}
