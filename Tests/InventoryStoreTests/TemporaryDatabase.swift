import Foundation
import Inventory
import InventoryStore

/// A fresh database file in its own temporary directory, removed when the test ends.
final class TemporaryDatabase {
    let directory: URL
    let path: String
    private(set) var db: AppDatabase

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("invsync-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("inventory.sqlite").path
        db = try AppDatabase.open(path: path)
    }

    func reopen() throws {
        db.close()
        db = try AppDatabase.open(path: path)
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
