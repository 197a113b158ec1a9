import Foundation
import Testing
import Inventory
import InventoryStore

/// The order-page upsert the sync engine is built on (R13, R16–R20, R22, R27, R33; decision 2).
struct OrderUpsertTests {
    @Test func samePageThreeTimesIsOneOrderAndOneMovement() throws {
        // R18: retries and overlaps never make a second sales order or a second stock movement.
        let t = try inventoryDatabase()
        let page = [order("111-0000001-0000001"), order("111-0000001-0000002")]
        let first = try t.db.upsertOrders(channel: shopUS, orders: page, cursor: t0)
        #expect(first.map(\.action) == [.created, .created])
        for _ in 0..<2 { try t.db.upsertOrders(channel: shopUS, orders: page, cursor: t0) }
        #expect(try t.db.rowCount(table: "sales_order") == 2)
        #expect(try t.db.rowCount(table: "sales_order_line") == 2)
        #expect(try t.db.rowCount(table: "stock_movement") == 2)
        #expect(try available(t, "SKU-1") == -4)
    }

    @Test func overlappingPagesAndCrashLikeRerun() throws {
        // R18: pages overlap (decision 2's 5-minute overlap); a crash before commit re-runs a page on a new
        // connection. One order each, one movement per line.
        let t = try inventoryDatabase()
        try t.db.upsertOrders(channel: shopUS, orders: [order("A"), order("B")], cursor: t0)
        try t.reopen()
        try t.db.upsertOrders(channel: shopUS, orders: [order("B"), order("C")], cursor: t0.addingTimeInterval(60))
        try t.db.upsertOrders(channel: shopUS, orders: [order("A"), order("B"), order("C")], cursor: nil)
        #expect(try t.db.orders(channel: shopUS).map(\.amazonOrderId).sorted() == ["A", "B", "C"])
        #expect(try t.db.rowCount(table: "stock_movement") == 3)
        #expect(try t.db.orderCursor(channel: shopUS) == t0.addingTimeInterval(60))
    }

    @Test func olderStateFromAnOverlapChangesNothing() throws {
        // R18: an overlapping page carrying an older state of the order does not undo a newer one.
        let t = try inventoryDatabase()
        try t.db.setOrderSyncMode(.confirmedAndFulfilled)
        try t.db.upsertOrders(channel: shopUS, orders: [order("A", .unshipped, updated: 0)], cursor: nil)
        let r = try t.db.upsertOrders(channel: shopUS, orders: [order("A", .shipped, updated: 100)], cursor: nil)
        #expect(r.first?.action == .updated)
        let stale = try t.db.upsertOrders(channel: shopUS, orders: [order("A", .unshipped, updated: 50)], cursor: nil)
        #expect(stale.first?.action == .unchanged)
        #expect(try t.db.order(amazonOrderId: "A")?.status == .shipped)
    }

    @Test func admissionFollowsTheStoredMode() throws {
        // R17
        let t = try inventoryDatabase()
        let page = [
            order("P", .pending), order("PA", .pendingAvailability), order("U", .unshipped),
            order("PS", .partiallyShipped), order("S", .shipped), order("X", .cancelled),
        ]
        let r = try t.db.upsertOrders(channel: shopUS, orders: page, cursor: nil)
        #expect(r.map { $0.action == .created } == [false, false, true, true, false, false])
        // Widening the preference brings the shipped order in at the next sync.
        try t.db.setOrderSyncMode(.confirmedAndFulfilled)
        let r2 = try t.db.upsertOrders(channel: shopUS, orders: page, cursor: nil)
        #expect(r2.map(\.action.isSkip) == [true, true, false, false, false, true])
        #expect(try t.db.order(amazonOrderId: "S")?.status == .shipped)
        #expect(try t.db.order(amazonOrderId: "X") == nil)  // cancelled, never seen: not created
        // A pending order is brought in once confirmed.
        try t.db.upsertOrders(channel: shopUS, orders: [order("P", .unshipped, updated: 10)], cursor: nil)
        #expect(try t.db.order(amazonOrderId: "P") != nil)
    }

    @Test func cancellationReturnsStockOnce() throws {
        // R17 (cancelled existing order updated, never deleted) + stock returned exactly once.
        let t = try inventoryDatabase()
        try t.db.upsertOrders(channel: shopUS, orders: [order("A")], cursor: nil)
        try t.db.recordStockMovement(sku: "SKU-1", warehouse: "Main", delta: 10, kind: .initial, reference: nil, reason: "count")
        #expect(try available(t, "SKU-1") == 8)
        for _ in 0..<3 {
            try t.db.upsertOrders(channel: shopUS, orders: [order("A", .cancelled, updated: 10)], cursor: nil)
        }
        #expect(try available(t, "SKU-1") == 10)
        let o = try #require(try t.db.order(amazonOrderId: "A"))
        #expect(o.status == .cancelled)
        let kinds = try t.db.stockMovements(sku: "SKU-1").map(\.kind)
        #expect(kinds.filter { $0 == .cancellation }.count == 1)
        #expect(kinds.filter { $0 == .order }.count == 1)
        #expect(try t.db.stock(sku: "SKU-1").first?.committed == 0)
    }

    @Test func orderFieldsAndCommittedStock() throws {
        // R20 Paid, R33 default customer, R22 primary warehouse; committed while unshipped.
        let t = try inventoryDatabase()
        try t.db.upsertOrders(channel: shopUS, orders: [order("A")], cursor: nil)
        let o = try #require(try t.db.order(amazonOrderId: "A", channel: shopUS))
        #expect(o.comments == "Paid")
        #expect(o.customerName == "Amazon US - Customer")
        #expect(o.warehouse == "Main" && !o.forceFulfilled && o.fulfillmentChannel == .mfn)
        #expect(o.piiState == PIIState.none && o.contactId == nil)
        #expect(o.lines.count == 1 && o.lines[0].quantity == 2 && o.lines[0].unitPrice?.amount == "19.99")
        #expect(try t.db.order(id: o.id)?.amazonOrderId == "A")
        let main = try #require(try t.db.stock(sku: "SKU-1").first { $0.warehouse == "Main" })
        #expect(main.available == -2 && main.committed == 2 && main.onHand == 0)
        // Shipping releases the commitment; the stock already left the available figure.
        var shipped = order("A", .shipped, updated: 10)
        shipped.lines[0].quantityShipped = 2
        try t.db.upsertOrders(channel: shopUS, orders: [shipped], cursor: nil)
        let after = try #require(try t.db.stock(sku: "SKU-1").first { $0.warehouse == "Main" })
        #expect(after.available == -2 && after.committed == 0 && after.onHand == -2)
        #expect(try t.db.order(id: o.id)?.fulfilledAt == t0.addingTimeInterval(10))
    }

    @Test func unknownSKUBecomesUnconfirmedItem() throws {
        // R13
        let t = try inventoryDatabase()
        var o = order("A")
        o.lines[0].title = "Blue mug"
        try t.db.upsertOrders(channel: shopUS, orders: [o], cursor: nil)
        let item = try #require(try t.db.item(sku: "SKU-1"))
        #expect(!item.confirmed && item.name == "Blue mug" && item.fulfillment == .mfn)
        let listing = try #require(try t.db.listing(channel: shopUS, sku: "SKU-1"))
        #expect(!listing.confirmed && listing.itemSku == "SKU-1" && listing.asin == "B000TEST01")
        #expect(try t.db.unconfirmedListings().map(\.sku) == ["SKU-1"])
    }

    @Test func afnOrderForceFulfilledInFBAWarehouse() throws {
        // R27: AFN orders force-fulfilled in the FBA warehouse (primary while FBA is off).
        let t = try inventoryDatabase()
        try t.db.upsertOrders(channel: shopUS, orders: [order("A", channel: .afn)], cursor: nil)
        #expect(try t.db.order(amazonOrderId: "A")?.warehouse == "Main")
        try t.db.addWarehouse(name: "Amazon FBA", kind: .fba)
        try t.db.setStockSync(channel: shopUS, active: true, fbaWarehouse: "Amazon FBA", mappedWarehouse: nil)
        var b = order("B", channel: .afn)
        b.lines[0].sku = "SKU-F"
        try t.db.upsertOrders(channel: shopUS, orders: [b], cursor: nil)
        let o = try #require(try t.db.order(amazonOrderId: "B"))
        #expect(o.forceFulfilled && o.warehouse == "Amazon FBA" && o.fulfillmentChannel == .afn)
        #expect(try available(t, "SKU-F", "Amazon FBA") == -2)
        #expect(try available(t, "SKU-F", "Main") == 0)
        #expect(try t.db.listing(channel: shopUS, sku: "SKU-F")?.fulfillment == .fba)
        #expect(try t.db.item(sku: "SKU-F")?.fulfillment == .fba)
        // Amazon ships it: not committed in the seller's warehouse.
        #expect(try t.db.stock(sku: "SKU-F").allSatisfy { $0.committed == 0 })
        // FBA listings are never pushed (R16).
        #expect(try t.db.takeStockOutbox(limit: 10).allSatisfy { $0.sku != "SKU-F" })
    }

    @Test func mappedWarehouseTracksOrders() throws {
        // R23; a cancellation returns stock where it was taken even after the mapping changed.
        let t = try inventoryDatabase()
        try t.db.addWarehouse(name: "East")
        try t.db.setStockSync(channel: shopUS, active: true, fbaWarehouse: nil, mappedWarehouse: "East")
        try t.db.upsertOrders(channel: shopUS, orders: [order("A")], cursor: nil)
        #expect(try available(t, "SKU-1", "East") == -2)
        try t.db.setStockSync(channel: shopUS, active: true, fbaWarehouse: nil, mappedWarehouse: nil)
        try t.db.upsertOrders(channel: shopUS, orders: [order("A", .cancelled, updated: 5)], cursor: nil)
        #expect(try available(t, "SKU-1", "East") == 0)
        #expect(try available(t, "SKU-1", "Main") == 0)
    }

    @Test func failingPageLeavesOrdersAndCursorUntouched() throws {
        // Decision 2: the cursor is written in the same transaction as the page; a bad record mid-page
        // (a negative quantity violates a CHECK) rolls back everything.
        let t = try inventoryDatabase()
        try t.db.upsertOrders(channel: shopUS, orders: [order("A")], cursor: t0)
        // The third order's SKU is longer than the listing table's CHECK allows: refused inside the transaction.
        var bad = order("C")
        bad.lines[0].sku = String(repeating: "S", count: 300)
        #expect {
            try t.db.upsertOrders(channel: shopUS, orders: [order("B"), order("B2"), bad, order("D")], cursor: t0.addingTimeInterval(600))
        } throws: { error in
            guard case StoreError.constraintViolated = error else { return false }
            return true
        }
        #expect(try t.db.orderCursor(channel: shopUS) == t0)
        #expect(try t.db.orders().map(\.amazonOrderId) == ["A"])
        #expect(try t.db.rowCount(table: "stock_movement") == 1)
        #expect(try t.db.rowCount(table: "stock_outbox") == 1)
    }

    @Test func malformedOrdersAreNamed() throws {
        // R36: a malformed record is refused by name before anything is written.
        let t = try inventoryDatabase()
        var negative = order("N")
        negative.lines[0].quantity = -1
        var twice = order("T")
        twice.lines.append(twice.lines[0])
        for (bad, id) in [(negative, "N"), (twice, "T"), (order(""), "")] {
            #expect {
                try t.db.upsertOrders(channel: shopUS, orders: [order("A"), bad], cursor: t0)
            } throws: { error in
                guard case StoreError.invalidOrder(let found, _) = error else { return false }
                return found == id
            }
        }
        #expect(try t.db.orders().isEmpty)
        #expect(try t.db.orderCursor(channel: shopUS) == nil)
    }

    @Test func cursorNeverMovesBack() throws {
        let t = try inventoryDatabase()
        #expect(try t.db.orderCursor(channel: shopUS) == nil)
        try t.db.upsertOrders(channel: shopUS, orders: [], cursor: t0)
        try t.db.upsertOrders(channel: shopUS, orders: [], cursor: t0.addingTimeInterval(-3600))
        #expect(try t.db.orderCursor(channel: shopUS) == t0)
    }

    @Test func taskRecordsPerOrder() throws {
        // R9: per-record outcomes in the same transaction.
        let t = try inventoryDatabase()
        let task = try t.db.startTask(channel: shopUS, module: .orders, trigger: .manual, now: t0)
        try t.db.upsertOrders(channel: shopUS, orders: [order("A"), order("P", .pending)], cursor: nil, task: task)
        let (info, records) = try #require(try t.db.task(id: task))
        #expect(info.synced == 1)
        #expect(records.map(\.outcome) == [.synced, .skipped])
        #expect(records[1].reason?.contains("pending") == true)
        #expect(throws: StoreError.noSuchTask(999)) {
            try t.db.upsertOrders(channel: shopUS, orders: [order("Z")], cursor: nil, task: 999)
        }
        #expect(try t.db.order(amazonOrderId: "Z") == nil)
    }

    @Test func unknownChannelAndMissingPrimary() throws {
        let t = try TemporaryDatabase()
        try t.db.registerChannels([try channel("shop-us")])
        #expect(throws: StoreError.noPrimaryWarehouse) {
            try t.db.upsertOrders(channel: shopUS, orders: [order("A")], cursor: nil)
        }
        #expect(throws: StoreError.noSuchChannel("nope")) {
            try t.db.upsertOrders(channel: try ChannelName("nope"), orders: [order("A")], cursor: nil)
        }
    }

    @Test func contactsMatchByEmailElseName() throws {
        // R19
        let t = try inventoryDatabase()
        let jane = BuyerPII(buyerName: "Jane Roe", buyerEmail: "jane@example.com")
        try t.db.upsertOrders(
            channel: shopUS,
            orders: [
                order("A", buyer: jane),
                order("B", buyer: BuyerPII(buyerName: "J. Roe", buyerEmail: "JANE@example.com ")),
                order("C", buyer: BuyerPII(buyerName: "Bob Smith")),
                order("D", buyer: BuyerPII(buyerName: "bob  smith")),
                order("E", buyer: BuyerPII(buyerName: "Jane Roe", buyerEmail: "other@example.com")),
                order("F"),
            ], cursor: nil)
        let c = try ["A", "B", "C", "D", "E", "F"].map { try t.db.order(amazonOrderId: $0)?.contactId }
        #expect(c[0] != nil && c[0] == c[1])
        #expect(c[2] != nil && c[2] == c[3] && c[2] != c[0])
        #expect(c[4] != nil && c[4] != c[0])
        #expect(c[5] == nil)
        #expect(try t.db.rowCount(table: "contact") == 3)
        #expect(try t.db.contact(id: c[0]!) != nil)
    }
}

extension OrderUpsertResult.Action {
    var isSkip: Bool {
        if case .skipped = self { return true }
        return false
    }
}

struct ConcurrentUpsertTests {
    @Test func concurrentSamePageIsOneOrder() async throws {
        // R18: two syncs racing with the same page (e.g. a resync overlapping the schedule) still make one
        // order and one movement per line: writes serialise and the upsert is keyed on (channel, order id).
        let t = try inventoryDatabase()
        let db = t.db
        let page = (0..<50).map { order("R-\($0)") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask { try db.upsertOrders(channel: shopUS, orders: page, cursor: t0) }
            }
            try await group.waitForAll()
        }
        #expect(try t.db.rowCount(table: "sales_order") == 50)
        #expect(try t.db.rowCount(table: "stock_movement") == 50)
        #expect(try available(t, "SKU-1") == -100)
    }
}
