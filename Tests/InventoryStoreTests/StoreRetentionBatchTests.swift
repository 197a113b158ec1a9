import Foundation
import Inventory
import InventoryStore
import Testing

/// `reapExpiredHistory`: retention batches bounded by records as well as tasks (issue 6, retention benchmark).
struct StoreRetentionBatchTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func task(_ t: TemporaryDatabase, ended: Date, records: Int, failed: Int = 0) throws -> SyncTask.ID {
        let id = try t.db.startTask(channel: try ChannelName("a"), module: .orders, trigger: .scheduled, now: ended.addingTimeInterval(-5))
        try t.db.addRecords(task: id, (0..<records).map {
            TaskRecord(recordId: "r\($0)", kind: "order", outcome: $0 < failed ? .failed : .synced)
        })
        try t.db.finishTask(id, now: ended)
        return id
    }

    func reapAll(_ t: TemporaryDatabase, maxTasks: Int, maxRecords: Int) throws -> [HistoryReapBatch] {
        let cut = RetentionPolicy.default.cutoffs(now: now)
        var batches: [HistoryReapBatch] = []
        repeat {
            batches.append(try t.db.reapExpiredHistory(before: cut.succeeded, failedBefore: cut.failed, maxTasks: maxTasks, maxRecords: maxRecords))
        } while !(batches.last!.finished) && batches.count < 100
        return batches
    }

    // R12: a batch holds whole tasks only while their records fit the record bound; nothing unexpired goes.
    @Test func batchesAreBoundedByRecords() throws {
        let t = try TemporaryDatabase()
        try t.db.registerChannels([try channel("a")])
        let cut = RetentionPolicy.default.cutoffs(now: now)
        var expired: [SyncTask.ID] = []
        for _ in 0..<5 { expired.append(try task(t, ended: cut.succeeded.addingTimeInterval(-day), records: 4)) }
        expired.append(try task(t, ended: cut.failed.addingTimeInterval(-day), records: 4, failed: 1))
        let kept = try task(t, ended: cut.succeeded.addingTimeInterval(day), records: 4)
        // Failed history one month old stays: it is kept two months.
        let keptFailed = try task(t, ended: cut.succeeded.addingTimeInterval(-day), records: 4, failed: 4)

        let batches = try reapAll(t, maxTasks: 100, maxRecords: 10)
        #expect(batches == [
            HistoryReapBatch(tasks: 2, records: 8, finished: false),
            HistoryReapBatch(tasks: 2, records: 8, finished: false),
            HistoryReapBatch(tasks: 2, records: 8, finished: true),
        ])
        for id in expired { #expect(try t.db.task(id: id) == nil) }
        #expect(try t.db.task(id: kept)?.1.count == 4)
        #expect(try t.db.task(id: keptFailed)?.1.count == 4)
        #expect(try t.db.rowCount(table: "task_record") == 8)
    }

    // R12: the task bound still holds when records are few.
    @Test func batchesAreBoundedByTasks() throws {
        let t = try TemporaryDatabase()
        try t.db.registerChannels([try channel("a")])
        let cut = RetentionPolicy.default.cutoffs(now: now)
        for _ in 0..<9 { _ = try task(t, ended: cut.succeeded.addingTimeInterval(-day), records: 1) }
        let batches = try reapAll(t, maxTasks: 4, maxRecords: 1000)
        #expect(batches.map(\.tasks) == [4, 4, 1])
        #expect(batches.map(\.finished) == [false, false, true])
        #expect(try t.db.rowCount(table: "sync_task") == 0)
    }

    // R12: a task larger than one batch sheds its records over several batches, then goes whole.
    @Test func oversizedTaskIsDeletedOverSeveralBatches() throws {
        let t = try TemporaryDatabase()
        try t.db.registerChannels([try channel("a")])
        let cut = RetentionPolicy.default.cutoffs(now: now)
        let big = try task(t, ended: cut.succeeded.addingTimeInterval(-day), records: 25)
        let small = try task(t, ended: cut.succeeded.addingTimeInterval(-day), records: 3)
        let batches = try reapAll(t, maxTasks: 100, maxRecords: 10)
        #expect(batches == [
            HistoryReapBatch(tasks: 0, records: 10, finished: false),
            HistoryReapBatch(tasks: 0, records: 10, finished: false),
            HistoryReapBatch(tasks: 2, records: 8, finished: true),
        ])
        #expect(try t.db.task(id: big) == nil)
        #expect(try t.db.task(id: small) == nil)
        #expect(try t.db.rowCount(table: "task_record") == 0)
    }
}
