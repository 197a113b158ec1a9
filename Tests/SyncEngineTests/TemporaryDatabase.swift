import Foundation
import Inventory
import InventoryStore

/// A fresh database file in its own temporary directory, removed when the test ends.
final class TemporaryDatabase {
    let directory: URL
    let path: String
    let db: AppDatabase

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("invsync-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("inventory.sqlite").path
        db = try AppDatabase.open(path: path)
    }

    deinit {
        db.close()
        try? FileManager.default.removeItem(at: directory)
    }
}
