import Foundation
import Inventory
import Testing

import InventoryStore

/// Contacts through the store (R19); the match key's normalisation itself is tested in InventoryTests.
struct ContactMatchTests {
    // R19: the same buyer spelled differently is one contact, through the store.
    @Test func buyerSpelledDifferentlyIsOneContact() throws {
        let t = try inventoryDatabase()
        let a = order("C-1", buyer: BuyerPII(buyerName: "Jane", buyerEmail: " Jane@Example.COM "))
        let b = order("C-2", buyer: BuyerPII(buyerName: "Other", buyerEmail: "jane@example.com"))
        let c = order("C-3", buyer: BuyerPII(buyerName: "ÉMILE  Zola"))
        let d = order("C-4", buyer: BuyerPII(recipientName: " émile zola "))
        try t.db.upsertOrders(channel: shopUS, orders: [a, b, c, d], cursor: nil)
        let contacts = try ["C-1", "C-2", "C-3", "C-4"].map { try #require(try t.db.order(amazonOrderId: $0)?.contactId) }
        #expect(contacts[0] == contacts[1] && contacts[2] == contacts[3] && contacts[0] != contacts[2])
    }
}
