import Foundation
import Inventory
import Testing

@testable import InventoryStore

/// The store's own checkpointing (issue 6): commits ask for a PASSIVE checkpoint on a background queue once the
/// write-ahead log passes 1,000 pages, and the writer copies the log itself only past 4,000. Each test writes real
/// order pages into a real file and checks the log's size on disk, the checkpoints counted, and the data after a
/// reopen.
struct LogCheckpointerTests {
    /// A page of 50 orders with buyer data, all new.
    static func page(_ p: Int) -> [IncomingOrder] {
        (0..<50).map { n in
            order("C\(p)-\(n)", buyer: BuyerPII(buyerName: "Buyer \(n)", buyerEmail: "b\(n)@example.com",
                                                addressLines: ["\(n) Road"], countryCode: "US"))
        }
    }

    /// The size of the log file in frames (it keeps the largest size it reached: SQLite rewrites it from the start
    /// after a complete checkpoint, without truncating it).
    static func logFrames(_ t: TemporaryDatabase) throws -> Int {
        let pageSize = Int(try #require(try t.db.pragma("page_size")))!
        let bytes = try FileManager.default.attributesOfItem(atPath: t.path + "-wal")[.size] as? Int ?? 0
        return max(0, bytes - 32) / (pageSize + 24)
    }

    @Test func commitsPastAThousandPagesCheckpointInTheBackground() throws {
        let t = try inventoryDatabase()
        let checkpointer = t.db.checkpointer
        var pages = 0
        // Write until the log has passed 1,000 pages at a commit (a background checkpoint is then asked for), and
        // then as much again.
        while checkpointer.backgroundCheckpoints.load(ordering: .relaxed) == 0 && pages < 400 {
            try t.db.upsertOrders(channel: shopUS, orders: Self.page(pages), cursor: nil)
            pages += 1
            if try Self.logFrames(t) > Int(LogCheckpointer.backgroundFrames) { checkpointer.drainBackground() }
        }
        for _ in 0..<pages {
            try t.db.upsertOrders(channel: shopUS, orders: Self.page(pages), cursor: nil)
            pages += 1
        }
        checkpointer.drainBackground()
        #expect(checkpointer.backgroundCheckpoints.load(ordering: .relaxed) >= 1)
        // Bounded: without any checkpoint the log would hold every page written.
        #expect(try Self.logFrames(t) <= 2 * Int(LogCheckpointer.inlineFrames))
        #expect(try t.db.rowCount(table: "sales_order") == pages * 50)
        try t.reopen()
        #expect(try t.db.rowCount(table: "sales_order") == pages * 50)
        #expect(try t.db.revealBuyer(order: try #require(try t.db.order(amazonOrderId: "C0-7")).id)?.buyerName == "Buyer 7")
    }

    @Test func writerCheckpointsItselfWhenTheBackgroundCannot() throws {
        // The background queue held (as a stuck or starved queue would be): the commit that leaves the log at 4,000
        // pages or more copies it inline, so the log stays bounded.
        let t = try inventoryDatabase()
        let checkpointer = t.db.checkpointer
        checkpointer.suspendBackground()
        var pages = 0
        while checkpointer.inlineCheckpoints.load(ordering: .relaxed) == 0 && pages < 400 {
            try t.db.upsertOrders(channel: shopUS, orders: Self.page(pages), cursor: nil)
            pages += 1
        }
        let frames = try Self.logFrames(t)
        checkpointer.resumeBackground()
        #expect(checkpointer.inlineCheckpoints.load(ordering: .relaxed) >= 1)
        #expect(frames >= Int(LogCheckpointer.inlineFrames))
        #expect(frames <= 2 * Int(LogCheckpointer.inlineFrames))
        try t.reopen()
        #expect(try t.db.rowCount(table: "sales_order") == pages * 50)
    }

    @Test func backgroundCheckpointQueuedAtCloseFindsTheStoreClosed() throws {
        // A checkpoint asked for just before a stop runs after the store has closed: it is refused (no connection is
        // opened on a closed store) and the file reads whole afterwards.
        let t = try inventoryDatabase()
        let checkpointer = t.db.checkpointer
        checkpointer.suspendBackground()
        var pages = 0
        while try Self.logFrames(t) < Int(LogCheckpointer.backgroundFrames) + 200 && pages < 400 {
            try t.db.upsertOrders(channel: shopUS, orders: Self.page(pages), cursor: nil)
            pages += 1
        }
        t.db.close()
        checkpointer.resumeBackground()
        checkpointer.drainBackground()
        #expect(checkpointer.backgroundCheckpoints.load(ordering: .relaxed) == 0)
        #expect(throws: StoreError.closed) { try checkpointer.checkpoint() }
        try t.reopen()
        #expect(try t.db.rowCount(table: "sales_order") == pages * 50)
    }
}
