import Foundation
import Inventory
import InventoryStore

/// A fresh database file in its own temporary directory, removed when the test ends.
final class TemporaryDatabase {
    let directory: URL
    let path: String
    private(set) var db: AppDatabase

    /// A fixed test key: the vault is on by default, as in the daemon.
    static let vaultKey = try! VaultKey(bytes: (0..<32).map { UInt8($0) &* 7 &+ 3 })
    let vaultKey: VaultKey?

    init(vaultKey: VaultKey? = TemporaryDatabase.vaultKey) throws {
        self.vaultKey = vaultKey
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("invsync-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("inventory.sqlite").path
        db = try AppDatabase.open(path: path, vaultKey: vaultKey)
    }

    func reopen() throws {
        db.close()
        db = try AppDatabase.open(path: path, vaultKey: vaultKey)
    }

    deinit {
        db.close()
        try? FileManager.default.removeItem(at: directory)
    }
}

func channel(_ name: String, _ mp: Marketplace = .us, seller: String = "SELLER1") throws -> Channel {
    Channel(name: try ChannelName(name), marketplace: mp, sellerId: seller)
}

func fnv1a64(_ s: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 {
        h ^= UInt64(b)
        h = h &* 0x100_0000_01b3
    }
    return h
}

/// A database with one US channel `shop-us` and the primary warehouse `Main`.
func inventoryDatabase(vaultKey: VaultKey? = TemporaryDatabase.vaultKey) throws -> TemporaryDatabase {
    let t = try TemporaryDatabase(vaultKey: vaultKey)
    try t.db.registerChannels([try channel("shop-us")])
    try t.db.setPrimaryWarehouse(name: "Main")
    return t
}

let shopUS = try! ChannelName("shop-us")
let t0 = Date(timeIntervalSince1970: 1_790_000_000)
let day: TimeInterval = 86_400

func order(
    _ id: String, _ status: OrderStatus = .unshipped, channel fc: FulfillmentChannel = .mfn,
    updated: TimeInterval = 0, lines: [IncomingOrderLine]? = nil, buyer: BuyerPII? = nil
) -> IncomingOrder {
    IncomingOrder(
        amazonOrderId: id, status: status, fulfillmentChannel: fc, purchasedAt: t0,
        lastUpdatedAt: t0.addingTimeInterval(updated),
        lines: lines ?? [IncomingOrderLine(lineId: "\(id)-1", sku: "SKU-1", asin: "B000TEST01", quantity: 2,
                                           unitPrice: try! Money(amount: "19.99", currency: "USD"))],
        buyer: buyer)
}

/// The available (ledger) quantity of an item in a warehouse.
func available(_ t: TemporaryDatabase, _ sku: String, _ warehouse: String = "Main") throws -> Int {
    try t.db.stock(sku: sku).first { $0.warehouse == warehouse }?.available ?? 0
}
