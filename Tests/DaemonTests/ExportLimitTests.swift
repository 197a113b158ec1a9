import Foundation
import Glibc
import InvSyncInterface
import Inventory
import InventoryStore
import Testing
import Varlink

/// ExportOrders through the real daemon and invsyncctl over a database seeded with the store API: the size bound
/// (ExportTooLarge, narrowed with --from/--to) and RFC 4180 quoting end to end (R32: no buyer columns).
struct ExportLimitTests {
    static let us = try! ChannelName("amazon-us")

    @Test func boundAndQuotingEndToEnd() async throws {
        let daemon = try DaemonHarness()
        try FileManager.default.createDirectory(atPath: daemon.directory + "/state", withIntermediateDirectories: true)
        let db = try AppDatabase.open(path: daemon.directory + "/state/invsyncd.sqlite")
        try db.registerChannels([Channel(name: Self.us, marketplace: .us, sellerId: "A2TESTSELLER")])
        try db.setPrimaryWarehouse(name: "Main")
        // 101 orders of 200 lines: 20,200 lines, just over the 20,000 an export may hold. 50 on day one, 51 on day two.
        let dayOne = Date(timeIntervalSince1970: 1_795_000_000)
        let price = try Money(amount: "4.50", currency: "USD")
        let orders = (0..<101).map { n in
            let at = dayOne.addingTimeInterval(n < 50 ? Double(n) * 60 : 86_400 + Double(n) * 60)
            return IncomingOrder(
                amazonOrderId: String(format: "111-0000000-%07d", n), status: .unshipped, fulfillmentChannel: .mfn,
                purchasedAt: at, lastUpdatedAt: at,
                lines: (0..<200).map { l in
                    // One awkward SKU: a comma and quotes must survive the CSV.
                    IncomingOrderLine(lineId: "\(n)-\(l)", sku: n == 0 && l == 0 ? "MUG,\"RED\"" : "SKU-\(l)", quantity: 1, unitPrice: price)
                })
        }
        for page in stride(from: 0, to: orders.count, by: 20) {
            try db.upsertOrders(channel: Self.us, orders: Array(orders[page..<min(page + 20, orders.count)]), cursor: nil)
        }
        db.close()
        try daemon.start()
        try await daemon.notify.waitFor("READY=1")

        let whole = try await daemon.ctl(["order", "export"])
        #expect(whole.status == 1, "\(whole.out.prefix(200))")
        #expect(whole.err.contains("io.invsync.Inventory.ExportTooLarge") && whole.err.contains("20000"), "\(whole.err)")

        let iso = ISO8601DateFormatter()
        let started = ContinuousClock.now
        let first = try await daemon.ctl([
            "order", "export", "--from", iso.string(from: dayOne.addingTimeInterval(-1)),
            "--to", iso.string(from: dayOne.addingTimeInterval(86_400)), "-o", daemon.directory + "/day1.csv",
        ])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("10000 order lines written"), "\(first.out)")
        let elapsed = ContinuousClock.now - started
        let csv = try String(contentsOfFile: daemon.directory + "/day1.csv", encoding: .utf8)
        print("[measure] export: 10,000 order lines, \(csv.utf8.count) bytes of CSV, invsyncctl run \(elapsed) (debug build)")
        let records = csv.components(separatedBy: "\r\n")
        #expect(records.count == 10_002)  // header, 10,000 lines, the empty rest after the last CRLF
        #expect(records.last == "")
        #expect(records[1].hasPrefix("1,amazon-us,111-0000000-0000000,unshipped,MFN,Main,"))
        #expect(records[1].contains(",0-0,\"MUG,\"\"RED\"\"\",,1,0,4.50,USD"), "\(records[1])")
        #expect(records.dropFirst().dropLast().allSatisfy { $0.hasSuffix(",1,0,4.50,USD") })
        let attributes = try FileManager.default.attributesOfItem(atPath: daemon.directory + "/day1.csv")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let backwards = try await daemon.ctl(["order", "export", "--from", "2026-02-01T00:00:00Z", "--to", "2026-01-01T00:00:00Z"])
        #expect(backwards.status == 1 && backwards.err.contains("parameter=to"), "\(backwards.err)")
        let halfOpen = try await daemon.ctl(["order", "export", "--from", "2026-02-01T00:00:00Z"])
        #expect(halfOpen.status == 2)  // usage: both or neither
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }
}
