import Foundation
import Testing
import Inventory
import InventoryStore

struct SchemaTests {
    @Test func migrationCreatesSchema() throws {
        let t = try TemporaryDatabase()
        let tables = try t.db.tableNames()
        for name in ["channel", "channel_setting", "global_setting", "sync_task", "task_record", "retry"] {
            #expect(tables.contains(name), "missing table \(name)")
        }
        #expect(try t.db.orderSyncMode() == .confirmed)  // R17 default
    }

    /// Fails if anyone edits the released v1 migration: add a v2 instead.
    @Test func v1MigrationIsFrozen() {
        #expect(fnv1a64(AppDatabase.v1MigrationSQL) == Self.v1Hash, "v1 hash is \(fnv1a64(AppDatabase.v1MigrationSQL))")
    }
    static let v1Hash: UInt64 = 5_953_891_167_629_006_476

    @Test func walAndForeignKeys() throws {
        let t = try TemporaryDatabase()
        #expect(try t.db.pragma("journal_mode") == "wal")
        #expect(try t.db.pragma("foreign_keys") == "1")
        #expect(try t.db.pragma("synchronous") == "1")  // NORMAL
    }

    @Test func healthCheck() async throws {
        let t = try TemporaryDatabase()
        #expect(await t.db.healthCheck())
    }

    @Test func cannotOpenInMissingDirectory() throws {
        let path = "/nonexistent-\(UUID().uuidString)/db.sqlite"
        #expect {
            try AppDatabase.open(path: path)
        } throws: { error in
            guard case StoreError.cannotOpen(let p, _) = error else { return false }
            return p == path && "\(error)".contains(path)
        }
    }

    @Test func cannotOpenInUnwritableDirectory() throws {
        guard getuid() != 0 else { return }  // root ignores permissions
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o500])
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("db.sqlite").path
        #expect {
            try AppDatabase.open(path: path)
        } throws: { error in
            guard case StoreError.cannotOpen(let p, _) = error else { return false }
            return p == path
        }
    }

    @Test func reopeningKeepsEverything() throws {
        let t = try TemporaryDatabase()
        try t.db.registerChannels([try channel("shop-us"), try channel("shop-uk", .uk)])
        try t.db.setSyncInterval(channel: try ChannelName("shop-uk"), try SyncInterval(minutes: 60))
        try t.db.setOrderSyncMode(.confirmedAndFulfilled)
        let id = try t.db.startTask(channel: try ChannelName("shop-us"), module: .orders, trigger: .manual, now: Date())
        try t.db.addRecords(task: id, [TaskRecord(recordId: "o1", kind: "order", outcome: .synced)])
        try t.db.finishTask(id, now: Date())
        try t.reopen()
        #expect(try t.db.channels().count == 2)
        #expect(try t.db.channel(named: try ChannelName("shop-uk"))?.1.syncInterval.minutes == 60)
        #expect(try t.db.orderSyncMode() == .confirmedAndFulfilled)
        let (task, records) = try #require(try t.db.task(id: id))
        #expect(task.status == .succeeded && records.count == 1)
    }
}
