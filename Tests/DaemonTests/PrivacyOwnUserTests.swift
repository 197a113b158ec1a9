import Foundation
import Glibc
import InvSyncInterface
import Inventory
import InventoryStore
import Testing

/// The root-only rule with real peer credentials (SO_PEERCRED): invsyncd runs as uid 65534, as under DynamicUser;
/// a client with the daemon's own uid gets the slips but not RevealBuyer, root gets both (R30, R32).
struct PrivacyOwnUserTests {
    static let us = try! ChannelName("amazon-us")
    static let jane = BuyerPII(
        buyerName: "Jane Quillfeather", buyerEmail: "jane.quillfeather@marketplace.example", buyerPhone: "+1 555 0199 7788",
        recipientName: "Jane Quillfeather", addressLines: ["77 Zanzibar Crescent"], city: "Xylopolis", stateOrRegion: "WA",
        postalCode: "98999", countryCode: "US")

    @Test func daemonUserGetsSlipsButNotReveal() async throws {
        let daemon = try DaemonHarness()
        let key = try VaultKey(bytes: (0..<32).map { UInt8($0) &* 11 &+ 5 })
        try (0..<32).map { String(format: "%02x", UInt8($0) &* 11 &+ 5) }.joined()
            .write(toFile: daemon.directory + "/vault.key", atomically: true, encoding: .utf8)
        try daemon.writeConfig(channels: DaemonHarness.usChannel, daemonExtra: "vault_key_file = \"vault.key\"")
        let state = daemon.directory + "/state"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let db = try AppDatabase.open(path: state + "/invsyncd.sqlite", vaultKey: key)
        try db.registerChannels([Channel(name: Self.us, marketplace: .us, sellerId: "A2TESTSELLER")])
        try db.setPrimaryWarehouse(name: "Main")
        let at = Date()
        try db.upsertOrders(
            channel: Self.us,
            orders: [IncomingOrder(
                amazonOrderId: "112-0000000-0000001", status: .unshipped, fulfillmentChannel: .mfn, purchasedAt: at,
                lastUpdatedAt: at, lines: [IncomingOrderLine(lineId: "1", sku: "MUG-RED", quantity: 2)], buyer: Self.jane)],
            cursor: nil)
        db.close()
        // Everything the daemon needs belongs to its user, as StateDirectory= and LoadCredential= arrange.
        for path in [daemon.directory, state, daemon.directory + "/vault.key", daemon.directory + "/client-secret",
                     daemon.directory + "/refresh-token"]
            + ((try? FileManager.default.contentsOfDirectory(atPath: state)) ?? []).map({ state + "/" + $0 })
        {
            #expect(chown(path, 65534, 65534) == 0, "chown \(path)")
        }
        chmod(daemon.directory + "/vault.key", 0o600)
        try daemon.start(
            arguments: ["--reuid=65534", "--regid=65534", "--clear-groups", DaemonHarness.binary("invsyncd"), "--config", daemon.configPath],
            executable: "/usr/bin/setpriv")
        // Its notify socket is root's: wait for the control socket instead.
        let deadline = ContinuousClock.now + .seconds(20)
        while (try await daemon.ctl(["status"])).status != 0 {
            guard ContinuousClock.now < deadline else { throw TestFailure("invsyncd as uid 65534 did not answer: \(daemon.log)") }
            try await Task.sleep(for: .milliseconds(100))
        }

        let own = try await daemon.ctl(["privacy", "reveal", "112-0000000-0000001", "--reason", "audit"], runAs: 65534)
        #expect(own.status == 1 && own.err.contains("io.invsync.Privacy.PermissionDenied") && own.err.contains("uid=65534"), "\(own.err)")
        #expect(!own.out.contains("Jane"))
        let slip = try await daemon.ctl(["privacy", "package-slip", "112-0000000-0000001"], runAs: 65534)
        #expect(slip.status == 0 && slip.out.contains("Jane Quillfeather") && slip.out.contains("MUG-RED"), "\(slip.err)")
        let root = try await daemon.ctl(["privacy", "reveal", "112-0000000-0000001", "--reason", "audit"])
        #expect(root.status == 0 && root.out.contains("jane.quillfeather@marketplace.example"), "\(root.err)")
        let log = daemon.log
        #expect(log.contains("buyer data refused") && log.contains("uid=65534"))
        #expect(!log.contains("Quillfeather") && !log.contains("Zanzibar"))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
    }
}
