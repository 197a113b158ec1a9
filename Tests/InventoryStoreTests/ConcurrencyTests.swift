import Foundation
import Testing
import Inventory
import InventoryStore

struct ConcurrencyTests {
    /// DatabasePool in WAL: readers are not blocked by a long write.
    @Test func readersProceedDuringWrites() async throws {
        let t = try TemporaryDatabase()
        let db = t.db
        try db.registerChannels([try channel("a")])
        let a = try ChannelName("a")
        let now = Date()
        try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                let id = try db.startTask(channel: a, module: .items, trigger: .manual, now: now)
                let records = (0..<20_000).map { TaskRecord(recordId: "s\($0)", kind: "listing", outcome: .synced) }
                try db.addRecords(task: id, records)
                try db.finishTask(id, now: now)
                return 0
            }
            for _ in 0..<4 {
                group.addTask {
                    var reads = 0
                    for _ in 0..<200 {
                        _ = try db.channels()
                        _ = try db.tasks(limit: 10)
                        reads += 1
                    }
                    return reads
                }
            }
            var total = 0
            for try await n in group { total += n }
            #expect(total == 800)
        }
        let tasks = try db.tasks()
        #expect(tasks.count == 1 && tasks[0].synced == 20_000)
    }
}
