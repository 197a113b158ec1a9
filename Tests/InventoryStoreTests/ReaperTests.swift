import Foundation
import Testing
import Inventory
import InventoryStore

struct ReaperTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func task(_ t: TemporaryDatabase, ended: Date, outcomes: [RecordOutcome]) throws -> SyncTask.ID {
        let id = try t.db.startTask(channel: try ChannelName("a"), module: .orders, trigger: .scheduled, now: ended.addingTimeInterval(-5))
        try t.db.addRecords(task: id, outcomes.enumerated().map { TaskRecord(recordId: "r\($0.offset)", kind: "order", outcome: $0.element) })
        try t.db.finishTask(id, now: ended)
        return id
    }

    // R12
    @Test func deletesOnlyExpiredInBoundedBatches() throws {
        let t = try TemporaryDatabase()
        try t.db.registerChannels([try channel("a")])
        let cut = RetentionPolicy.default.cutoffs(now: now)
        let day = 86400.0
        var expired: [SyncTask.ID] = []
        for _ in 0..<5 { expired.append(try task(t, ended: cut.succeeded.addingTimeInterval(-day), outcomes: [.synced])) }
        for _ in 0..<3 { expired.append(try task(t, ended: cut.failed.addingTimeInterval(-day), outcomes: [.failed])) }
        expired.append(try task(t, ended: cut.failed.addingTimeInterval(-day), outcomes: [.synced, .failed]))
        var kept: [SyncTask.ID] = []
        kept.append(try task(t, ended: cut.succeeded.addingTimeInterval(day), outcomes: [.synced]))
        // Failed history one month old stays: it is kept two months.
        kept.append(try task(t, ended: cut.succeeded.addingTimeInterval(-day), outcomes: [.failed]))
        kept.append(try task(t, ended: cut.succeeded.addingTimeInterval(-day), outcomes: [.synced, .failed]))
        // Running tasks are never reaped.
        kept.append(try t.db.startTask(channel: try ChannelName("a"), module: .items, trigger: .manual, now: cut.failed.addingTimeInterval(-10 * day)))

        var counts: [Int] = []
        while true {
            let n = try t.db.deleteExpiredHistory(before: cut.succeeded, failedBefore: cut.failed, batchSize: 4)
            counts.append(n)
            if n < 4 { break }
        }
        #expect(counts == [4, 4, 1])
        for id in expired {
            #expect(try t.db.task(id: id) == nil)
        }
        for id in kept {
            #expect(try t.db.task(id: id) != nil)
        }
        #expect(try t.db.task(id: kept[1])?.1.count == 1)
    }

    // R12: records cascade with their task.
    @Test func cascadesRecords() throws {
        let t = try TemporaryDatabase()
        try t.db.registerChannels([try channel("a")])
        let id = try task(t, ended: now.addingTimeInterval(-100 * 86400), outcomes: [.synced, .synced, .skipped])
        #expect(try t.db.rowCount(table: "task_record") == 3)
        #expect(try t.db.deleteExpiredHistory(before: now, failedBefore: now, batchSize: 10) == 1)
        #expect(try t.db.task(id: id) == nil)
        #expect(try t.db.rowCount(table: "task_record") == 0)
        #expect(throws: StoreError.self) {
            try t.db.executeForTesting("INSERT INTO task_record (task, record_id, kind, outcome) VALUES (\(id), 'x', 'order', 'synced')")
        }
    }
}
