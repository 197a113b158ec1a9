import Foundation
import Testing
import Inventory
import InventoryStore

/// Each CHECK in v1 refuses bad data even when written with raw SQL.
struct ConstraintTests {
    func violates(_ t: TemporaryDatabase, _ sql: String) -> Bool {
        do {
            try t.db.executeForTesting(sql)
            return false
        } catch {
            if case .constraintViolated = error { return true }
            return false
        }
    }

    @Test func refusesBadData() throws {
        let t = try TemporaryDatabase()
        try t.db.registerChannels([try channel("a")])
        // R6
        #expect(violates(t, "UPDATE channel_setting SET sync_interval_minutes = 45"))
        // R24
        #expect(violates(t, "UPDATE channel_setting SET fba_warehouse = 'F', mapped_warehouse = 'M'"))
        #expect(violates(t, "UPDATE channel_setting SET state = 'sleeping'"))
        // R1
        #expect(violates(t, "INSERT INTO channel (name, marketplace, seller_id, declared_at) VALUES ('b','DE','S',0)"))
        #expect(violates(t, "INSERT INTO channel (name, marketplace, declared_at) VALUES ('b','US',0)"))
        #expect(violates(t, "INSERT INTO sync_task (channel, module, trigger, status, started_at, ended_at) VALUES ('a','items','manual','running',1,2)"))
        #expect(violates(t, "INSERT INTO sync_task (channel, module, trigger, status, started_at) VALUES ('a','items','manual','succeeded',1)"))
        #expect(violates(t, "INSERT INTO sync_task (channel, module, trigger, status, started_at, synced) VALUES ('a','items','manual','running',1,-1)"))
        #expect(violates(t, "INSERT INTO sync_task (channel, module, trigger, status, started_at, failed) VALUES ('a','items','manual','running',1,-1)"))
        #expect(violates(t, "INSERT INTO sync_task (channel, module, trigger, status, started_at) VALUES ('nope','items','manual','running',1)"))
        #expect(violates(t, "INSERT INTO retry (channel, module, kind, record_id, attempts, next_attempt_at, created_at) VALUES ('a','items','k','r',-1,0,0)"))
        // The valid forms pass, so the checks above fail for the reason tested.
        #expect(!violates(t, "INSERT INTO sync_task (channel, module, trigger, status, started_at) VALUES ('a','items','manual','running',1)"))
        #expect(!violates(t, "UPDATE channel_setting SET fba_warehouse = 'F', sync_interval_minutes = 30"))
    }

    @Test func typedSettersMapErrors() throws {
        let t = try TemporaryDatabase()
        try t.db.registerChannels([try channel("a")])
        let a = try ChannelName("a")
        #expect(throws: StoreError.self) {
            try t.db.setStockSync(channel: a, active: true, fbaWarehouse: "F", mappedWarehouse: "M")
        }
        #expect(throws: StoreError.noSuchChannel("zz")) { try t.db.setEnabled(channel: try ChannelName("zz"), false) }
        #expect(throws: StoreError.noSuchTask(999)) { try t.db.finishTask(999, now: Date()) }
    }
}

struct DiskFullTests {
    /// SQLITE_FULL maps to `diskFull`; the page limit stands in for a full disk on the writer connection.
    @Test func fullDatabaseMapsToDiskFull() throws {
        let t = try TemporaryDatabase()
        try t.db.registerChannels([try channel("a")])
        let id = try t.db.startTask(channel: try ChannelName("a"), module: .items, trigger: .manual, now: Date())
        let pageText = try t.db.pragma("page_count") ?? ""
        let pages = try #require(Int(pageText))
        try t.db.executeForTesting("PRAGMA max_page_count = \(pages)")
        let records = (0..<5000).map { TaskRecord(recordId: "sku-\($0)", kind: "listing", outcome: .synced) }
        #expect(throws: StoreError.diskFull) { try t.db.addRecords(task: id, records) }
        // The failed transaction left nothing behind.
        #expect(try t.db.task(id: id)?.1.isEmpty == true)
    }
}
