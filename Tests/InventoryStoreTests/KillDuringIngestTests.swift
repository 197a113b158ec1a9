import Foundation
import Testing
import Inventory
import InventoryStore

/// R18, R36, decision 2: a real `kill -9` of a process in the middle of ingesting order pages leaves a
/// consistent database — every page and its cursor committed together or not at all — and the next run
/// resumes from the cursor with no duplicate and no gap.
struct KillDuringIngestTests {
    static let pageSize = 20
    static let environmentKey = "INVSYNC_KILL_DB"

    /// Page `p`: 20 new orders plus the last 5 of the previous page again (the cursor overlap).
    static func page(_ p: Int) -> [IncomingOrder] {
        let buyer = BuyerPII(buyerName: "Kim Vale", buyerEmail: "kim.vale@example.com")
        let ids = (p > 0 ? ((pageSize - 5)..<pageSize).map { "K\(p - 1)-\($0)" } : [])
            + (0..<pageSize).map { "K\(p)-\($0)" }
        return ids.map { order($0, buyer: buyer) }
    }

    /// The child half: runs only in the child process the test below starts, ingesting until killed.
    @Test func ingestUntilKilled() throws {
        guard let path = ProcessInfo.processInfo.environment[Self.environmentKey] else { return }
        let db = try AppDatabase.open(path: path, vaultKey: TemporaryDatabase.vaultKey)
        let start = try db.orderCursor(channel: shopUS).map { Int(($0.timeIntervalSince(t0)).rounded()) + 1 } ?? 0
        for p in start..<1_000_000 {
            try db.upsertOrders(channel: shopUS, orders: Self.page(p), cursor: t0.addingTimeInterval(Double(p)))
        }
    }

    @Test func killNineDuringIngestThenResume() throws {
        let t = try inventoryDatabase()
        var kills = 0
        for _ in 0..<6 {
            let before = try t.db.orderCursor(channel: shopUS)
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
            child.arguments = ["--testing-library", "swift-testing", "--filter", "ingestUntilKilled"]
            child.environment = ProcessInfo.processInfo.environment.merging([Self.environmentKey: t.path]) { $1 }
            child.standardOutput = FileHandle.nullDevice
            child.standardError = FileHandle.nullDevice
            try child.run()
            // Wait for the child to commit at least one page, then kill it at a random moment.
            let deadline = Date().addingTimeInterval(30)
            while try t.db.orderCursor(channel: shopUS) == before, Date() < deadline, child.isRunning {
                usleep(10_000)
            }
            usleep(UInt32.random(in: 20_000...300_000))
            #expect(child.isRunning, "the child stopped by itself")
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            if child.terminationReason == .uncaughtSignal { kills += 1 }
        }
        #expect(kills == 6)
        try t.reopen()
        let cursor = try #require(try t.db.orderCursor(channel: shopUS))
        let pages = Int(cursor.timeIntervalSince(t0).rounded()) + 1
        #expect(pages >= 6)
        // Exactly the orders of the committed pages: no duplicate (R18), no gap, no half page.
        let orders = try t.db.rowCount(table: "sales_order")
        #expect(orders == pages * Self.pageSize)
        #expect(try t.db.rowCount(table: "stock_movement") == orders)
        #expect(try available(t, "SKU-1") == -2 * orders)
        try StockLevelTests.expectLevelsMatchLedger(t, "stock levels after the kills")
        #expect(try t.db.rowCount(table: "pii_vault") == orders)
        #expect(try t.db.order(amazonOrderId: "K\(pages - 1)-\(Self.pageSize - 1)") != nil)
        #expect(try t.db.order(amazonOrderId: "K\(pages)-0") == nil)
    }
}
