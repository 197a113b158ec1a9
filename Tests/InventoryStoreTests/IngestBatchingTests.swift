import Foundation
import Testing
import Inventory
import InventoryStore

/// The page-at-a-time ingest: stored orders and listings read once per page, buyer data written before the order row,
/// the stock outbox filled in one statement (issue 6). Each test pins a behaviour that batching could have broken.
struct IngestBatchingTests {
    static let pat = BuyerPII(buyerName: "Pat Doe", buyerEmail: "pat@example.com", addressLines: ["1 Road"], countryCode: "US")

    @Test func pageNamingAnOrderTwiceKeepsOneOrder() throws {
        // R18: the second copy of an order in the same page sees what the first one wrote (no second order), and a
        // cancellation in it returns the stock the first copy took, exactly once.
        let t = try inventoryDatabase()
        let page = [order("A", .unshipped, updated: 0, buyer: Self.pat), order("A", .cancelled, updated: 10, buyer: Self.pat)]
        let results = try t.db.upsertOrders(channel: shopUS, orders: page, cursor: nil)
        #expect(results.map(\.action) == [.created, .updated])
        #expect(try t.db.rowCount(table: "sales_order") == 1)
        #expect(try t.db.rowCount(table: "sales_order_line") == 1)
        #expect(try t.db.rowCount(table: "stock_movement") == 2)
        #expect(try available(t, "SKU-1") == 0)
        #expect(try t.db.order(amazonOrderId: "A")?.status == .cancelled)
        // R30: one blob, the newest.
        #expect(try t.db.rowCount(table: "pii_vault") == 1)
        #expect(try t.db.rowCount(table: "contact") == 1)
    }

    @Test func newSkuOnSeveralOrdersOfOnePageIsOneListing() throws {
        // R13: an unknown SKU met twice in one page becomes one listing and one unconfirmed item, and both lines
        // take stock from that item.
        let t = try inventoryDatabase()
        let line = { (id: String, q: Int) in IncomingOrderLine(lineId: id, sku: "NEW-1", quantity: q) }
        let page = [order("A", lines: [line("A-1", 2)]), order("B", lines: [line("B-1", 3)])]
        try t.db.upsertOrders(channel: shopUS, orders: page, cursor: nil)
        #expect(try t.db.rowCount(table: "listing") == 1)
        #expect(try t.db.rowCount(table: "item") == 1)
        #expect(try available(t, "NEW-1") == -5)
    }

    @Test func pageEnqueuesEachTouchedMFNListingOnce() throws {
        // R16, R22, R27: a page that moves stock of three items enqueues their MFN listings once each; the FBA
        // listing of an AFN order is not pushed; the same page again moves nothing and bumps nothing; a
        // cancellation re-enqueues only its listing.
        let t = try inventoryDatabase()
        let line = { (id: String, sku: String) in IncomingOrderLine(lineId: id, sku: sku, quantity: 1) }
        let page = [
            order("A", lines: [line("A-1", "M-1"), line("A-2", "M-2")]),
            order("B", lines: [line("B-1", "M-1"), line("B-2", "M-3")]),
            order("C", channel: .afn, lines: [line("C-1", "F-1")]),
        ]
        try t.db.upsertOrders(channel: shopUS, orders: page, cursor: nil)
        func versions() throws -> [String: Int64] {
            Dictionary(uniqueKeysWithValues: try t.db.takeStockOutbox(limit: 100).map { ($0.sku, $0.version) })
        }
        #expect(try versions() == ["M-1": 1, "M-2": 1, "M-3": 1])
        try t.db.upsertOrders(channel: shopUS, orders: page, cursor: nil)
        #expect(try versions() == ["M-1": 1, "M-2": 1, "M-3": 1])
        try t.db.upsertOrders(
            channel: shopUS, orders: [order("B", .cancelled, updated: 10, lines: [line("B-1", "M-1"), line("B-2", "M-3")])],
            cursor: nil)
        #expect(try versions() == ["M-1": 2, "M-2": 1, "M-3": 2])
    }

    @Test func buyerDataArrivesWithTheOrderRowAndOnALaterUpdate() throws {
        // R19, R30: a new order with a buyer is stored present with its contact; an order first stored without one
        // takes the buyer on a later update, matched to the same contact by email; a repeated buyer in one page is
        // one contact.
        let t = try inventoryDatabase()
        try t.db.upsertOrders(channel: shopUS, orders: [order("A", buyer: Self.pat), order("B"), order("C", buyer: Self.pat)], cursor: nil)
        let a = try #require(try t.db.order(amazonOrderId: "A"))
        let c = try #require(try t.db.order(amazonOrderId: "C"))
        #expect(a.piiState == .present)
        #expect(a.contactId != nil)
        #expect(c.contactId == a.contactId)
        #expect(try t.db.order(amazonOrderId: "B")?.piiState == PIIState.none)
        try t.db.upsertOrders(channel: shopUS, orders: [order("B", updated: 10, buyer: Self.pat)], cursor: nil)
        let b = try #require(try t.db.order(amazonOrderId: "B"))
        #expect(b.piiState == .present)
        #expect(b.contactId == a.contactId)
        #expect(try t.db.revealBuyer(order: b.id) == Self.pat)
        #expect(try t.db.rowCount(table: "contact") == 1)
        #expect(try t.db.rowCount(table: "pii_vault") == 3)
    }

    @Test func sealedBuyerDataOpensExactlyAsGiven() throws {
        // R30: the vault's JSON is written by hand now (JSONDecoder still reads it): every field, absent ones,
        // quotes, backslashes, control characters and non-ASCII text come back unchanged.
        let t = try inventoryDatabase()
        let odd = BuyerPII(
            buyerName: "Zoë \"Q\" O'Neil\\", buyerEmail: nil, buyerPhone: "+1\t555\n0100\u{1}", recipientName: "",
            addressLines: ["1 \u{7f} Road", "Étage 3 — 北京", ""], city: nil, stateOrRegion: "WA", postalCode: "98101/2",
            countryCode: "US")
        let empty = BuyerPII(buyerName: "Only A Name")
        try t.db.upsertOrders(channel: shopUS, orders: [order("A", buyer: odd), order("B", buyer: empty)], cursor: nil)
        for (id, buyer) in [("A", odd), ("B", empty)] {
            let stored = try #require(try t.db.order(amazonOrderId: id))
            #expect(try t.db.revealBuyer(order: stored.id) == buyer)
        }
    }

    @Test func checkpointLogEmptiesTheLogBetweenWrites() throws {
        // The reaper's checkpoint between batches: it copies the whole log while no reader holds a snapshot, on a
        // connection of its own, and the database reads the same afterwards.
        let t = try inventoryDatabase()
        for p in 0..<5 {
            try t.db.upsertOrders(channel: shopUS, orders: (0..<50).map { order("P\(p)-\($0)", buyer: Self.pat) }, cursor: nil)
        }
        #expect(try t.db.checkpointLog() == 0)
        #expect(try t.db.rowCount(table: "sales_order") == 250)
        try t.db.upsertOrders(channel: shopUS, orders: [order("Z")], cursor: nil)
        #expect(try t.db.checkpointLog() == 0)
        try t.reopen()
        #expect(try t.db.rowCount(table: "sales_order") == 251)
    }
}
