import Foundation
import GRDBSQLite
import Inventory
import Testing

@testable import InventoryStore

/// Buyer data sealed on its own thread while the page is written (issue 6): every order gets its own buyer's blob and
/// contact, whatever order the writer and the sealing thread reach them in.
struct BuyerDataSealingTests {
    static func buyer(_ n: Int) -> BuyerPII {
        BuyerPII(buyerName: "Buyer \(n)", buyerEmail: "buyer\(n)@example.com", addressLines: ["\(n) Main Street"], city: "Seattle")
    }

    // R30, R19: a page of 300 orders mixing buyers, orders without buyer data and empty buyer data: each stored blob
    // opens to its own order's buyer (it is bound to the order), orders without data have none, repeated buyers share
    // one contact.
    @Test func eachOrderKeepsItsOwnBuyer() throws {
        let t = try inventoryDatabase()
        let orders = (0..<300).map { n -> IncomingOrder in
            switch n % 5 {
            case 3: order("B-\(n)")
            case 4: order("B-\(n)", buyer: BuyerPII())
            default: order("B-\(n)", buyer: Self.buyer(n % 120))
            }
        }
        try t.db.upsertOrders(channel: shopUS, orders: orders, cursor: nil)
        var contacts: [Int: Int64] = [:]
        for n in 0..<300 {
            let stored = try #require(try t.db.order(amazonOrderId: "B-\(n)"))
            let revealed = try t.db.revealBuyer(order: stored.id)
            if n % 5 >= 3 {
                #expect(revealed == nil && stored.piiState == .none && stored.contactId == nil)
            } else {
                #expect(revealed == Self.buyer(n % 120) && stored.piiState == .present)
                let contact = try #require(stored.contactId)
                if let known = contacts[n % 120] { #expect(contact == known) } else { contacts[n % 120] = contact }
            }
        }
        #expect(Set(contacts.values).count == contacts.count)
    }

    // The writer reads an order's result before the thread has made it: it waits for it, then gets the right one.
    @Test func theWriterWaitsForAResultNotMadeYet() throws {
        let key = try VaultKey(bytes: (0..<32).map { UInt8($0) })
        let vault = PIIVault(key: key)
        let orders = (0..<2_000).map { order("W-\($0)", buyer: Self.buyer($0)) }
        let sealing = BuyerDataSealing(orders: orders, channel: shopUS, vault: vault)
        defer { sealing.cancel() }
        let last = try sealing.sealed(at: orders.count - 1)  // asked first: the thread is still at the start
        let opened = try vault.open(last.blob, binding: PIIVault.binding(channel: shopUS, amazonOrderId: "W-1999"))
        #expect(opened == Self.buyer(1_999))
        #expect(last.contactDigest == vault.digest(try #require(ContactMatchKey(buyer: Self.buyer(1_999)))))
        let first = try sealing.sealed(at: 0)
        #expect(try vault.open(first.blob, binding: PIIVault.binding(channel: shopUS, amazonOrderId: "W-0")) == Self.buyer(0))
    }

    // Without a vault key nothing is sealed, and an order with buyer data is refused by name, not stored half.
    @Test func withoutAVaultKeyAnOrderWithBuyerDataIsRefused() throws {
        let t = try inventoryDatabase(vaultKey: nil)
        #expect(throws: StoreError.vaultLocked) {
            try t.db.upsertOrders(channel: shopUS, orders: [order("N-1"), order("N-2", buyer: Self.buyer(2))], cursor: nil)
        }
        #expect(try t.db.order(amazonOrderId: "N-1") == nil)
    }

    // The store's process-wide SQLite setting: memory statistics off, so SQLite's allocations take no global mutex
    // (issue 6). In this test process every connection is opened through AppDatabase, so the setting is in effect.
    @Test func sqliteKeepsNoMemoryStatistics() throws {
        let t = try inventoryDatabase()
        try t.db.upsertOrders(channel: shopUS, orders: (0..<50).map { order("M-\($0)", buyer: Self.buyer($0)) }, cursor: nil)
        #expect(AppDatabase.configureSQLite())
        var current: sqlite3_int64 = 0
        var highest: sqlite3_int64 = 0
        #expect(sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &current, &highest, 0) == SQLITE_OK)
        #expect(current == 0 && highest == 0)
    }
}
