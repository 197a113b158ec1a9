import Foundation
import Inventory
import Testing

import InventoryStore

/// Contacts through an ingest page wider than 100 orders, with buyers known from an earlier page, new ones and
/// repeats inside the page (issue 6 changed how a page looks its contacts up).
struct IngestContactPageTests {
    static func buyer(_ n: Int) -> BuyerPII { BuyerPII(buyerName: "Buyer \(n)", buyerEmail: "buyer\(n)@example.com") }

    // R19: one contact per buyer across pages wider than one look-up (250 orders, 150 buyers: 100 known from the
    // first page, 50 new, each new one repeated inside the page).
    @Test func pageWiderThanOneLookupMatchesKnownAndNewBuyers() throws {
        let t = try inventoryDatabase()
        let first = (0..<100).map { order("P1-\($0)", buyer: Self.buyer($0)) }
        try t.db.upsertOrders(channel: shopUS, orders: first, cursor: nil)
        let second = (0..<250).map { order("P2-\($0)", buyer: Self.buyer($0 % 150)) }
        try t.db.upsertOrders(channel: shopUS, orders: second, cursor: nil)
        var byBuyer: [Int: Int64] = [:]
        for n in 0..<100 { byBuyer[n] = try #require(try t.db.order(amazonOrderId: "P1-\(n)")?.contactId) }
        #expect(Set(byBuyer.values).count == 100)
        for n in 0..<250 {
            let contact = try #require(try t.db.order(amazonOrderId: "P2-\(n)")?.contactId)
            if let known = byBuyer[n % 150] { #expect(contact == known) } else { byBuyer[n % 150] = contact }
        }
        #expect(Set(byBuyer.values).count == 150)
    }

    // R19: a page of one order with a known buyer, and a page whose orders carry no buyer data, still work.
    @Test func smallAndBuyerlessPages() throws {
        let t = try inventoryDatabase()
        try t.db.upsertOrders(channel: shopUS, orders: [order("S-1", buyer: Self.buyer(1))], cursor: nil)
        try t.db.upsertOrders(channel: shopUS, orders: [order("S-2", buyer: Self.buyer(1))], cursor: nil)
        try t.db.upsertOrders(channel: shopUS, orders: [order("S-3"), order("S-4")], cursor: nil)
        let a = try #require(try t.db.order(amazonOrderId: "S-1")?.contactId)
        #expect(try t.db.order(amazonOrderId: "S-2")?.contactId == a)
        #expect(try t.db.order(amazonOrderId: "S-3")?.contactId == nil)
    }
}
