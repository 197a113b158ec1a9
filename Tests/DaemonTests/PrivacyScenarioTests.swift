import Foundation
import Glibc
import InvSyncInterface
import Testing
import Varlink

/// Issue 5 item 8: io.invsync.Privacy, CloneOrder and ExportOrders on the real invsyncd after a real sync from the
/// real spapi-sandbox, called through the real socket with invsyncctl (as root and, through setpriv, as uid 65534).
@Suite(.serialized) struct PrivacyScenarioTests {
    /// What the sandbox holds about one order's buyer (its admin API, not our client).
    struct SandboxBuyer {
        var name: String
        var email: String?
        var addressLine: String?
        var postalCode: String?
    }

    static func buyer(_ sandbox: ScenarioSandbox, _ id: String) async throws -> SandboxBuyer {
        let order = try await sandbox.order(id)
        let buyer = order["buyer"] as? [String: Any] ?? [:]
        let address = (order["recipient"] as? [String: Any])?["deliveryAddress"] as? [String: Any] ?? [:]
        return SandboxBuyer(
            name: try #require(buyer["buyerName"] as? String), email: buyer["buyerEmail"] as? String,
            addressLine: address["addressLine1"] as? String, postalCode: address["postalCode"] as? String)
    }

    static func json<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    /// R30, R32, R34: reveal and slips for root with an audit line and no PII in it; refusals for other users and the
    /// control group; a named error for an order without PII; clone and export without PII; and a grep of every read
    /// reply, the export, the clone, the database files and the daemon's log for the sandbox buyers finds nothing.
    @Test func privacySurfaces() async throws {
        let name = "amazon-us"
        let scenario = try await ScenarioDaemon(channels: [name], orders: 250, listings: 60)
        let harness = scenario.harness
        // The control group is uid 65534's group: it may read orders, never buyer data.
        let group = try #require(getgrgid(65534))
        let groupName = String(cString: group.pointee.gr_name)
        try harness.writeConfig(
            channels: scenario.sandbox.channel(name),
            daemonExtra: "vault_key_file = \"vault.key\"\ncontrol_group = \"\(groupName)\"")
        try await scenario.start()
        try await scenario.waitForFirstCycle()
        let orders = try await scenario.orders(name)
        let vaulted = orders.filter { $0.piiState == .present && $0.fulfillmentChannel == "MFN" }
        #expect(vaulted.count >= 5, "only \(vaulted.count) MFN orders with PII")
        let sample = Array(vaulted.prefix(5))
        var buyers: [String: SandboxBuyer] = [:]
        for o in sample { buyers[o.amazonOrderId] = try await Self.buyer(scenario.sandbox, o.amazonOrderId) }

        // R30: root reveals, with a reason; the reply is the sandbox's buyer.
        let target = try #require(sample.first)
        let expected = try #require(buyers[target.amazonOrderId])
        let reason = "carrier lost parcel, reprint label"
        let revealed = try await harness.ctl(["privacy", "reveal", String(target.id), "--reason", reason, "--json"])
        #expect(revealed.status == 0, "\(revealed.err)")
        let buyer = try Self.json(PrivacyInterface.RevealBuyerReply.self, revealed.out).buyer
        #expect(buyer.name == expected.name)
        #expect(buyer.email == expected.email)
        #expect(buyer.recipient.lines.first == expected.addressLine)
        #expect(buyer.recipient.postalCode == expected.postalCode)
        // By Amazon order id as well; a reason is required.
        let byAmazonId = try await harness.ctl(["privacy", "reveal", target.amazonOrderId, "--reason", "audit check"])
        #expect(byAmazonId.status == 0 && byAmazonId.out.contains(expected.name), "\(byAmazonId.err)")
        let noReason = try await harness.ctl(["privacy", "reveal", String(target.id), "--reason", "  "])
        #expect(noReason.status == 1 && noReason.err.contains("InvalidParameter"), "\(noReason.err)")
        let unknown = try await harness.ctl(["privacy", "reveal", "999-0000000-0000000", "--reason", "x"])
        #expect(unknown.status == 1 && unknown.err.contains("io.invsync.Privacy.NoSuchOrder"), "\(unknown.err)")

        // R32: slips for fulfilment carry the recipient and the lines.
        let package = try await harness.ctl(["privacy", "package-slip", target.amazonOrderId, "--json"])
        #expect(package.status == 0, "\(package.err)")
        let slip = try Self.json(PrivacyInterface.SlipReply.self, package.out).slip
        #expect(slip.order == target.id && slip.amazonOrderId == target.amazonOrderId)
        #expect(slip.recipient.name == expected.name)
        #expect(slip.lines.map(\.sku) == target.lines.map(\.sku))
        #expect(slip.lines.map(\.quantity) == target.lines.map(\.quantity))
        let shipment = try await harness.ctl(["privacy", "shipment-slip", String(target.id), "--json"])
        #expect(shipment.status == 0, "\(shipment.err)")
        let toShip = try Self.json(PrivacyInterface.SlipReply.self, shipment.out).slip
        #expect(toShip.lines.map(\.quantity) == target.lines.map { $0.quantity - $0.quantityShipped }.filter { $0 > 0 })
        let printed = try await harness.ctl(["privacy", "package-slip", String(target.id)])
        #expect(printed.status == 0 && printed.out.contains("PACKING SLIP") && printed.out.contains(expected.name))

        // Anyone but root is refused RevealBuyer; the control group (uid 65534 here) reads orders but no buyer data.
        let list = try await harness.ctl(["order", "list"], runAs: 65534)
        #expect(list.status == 0, "\(list.err)")
        for arguments in [
            ["privacy", "reveal", String(target.id), "--reason", "curious"], ["privacy", "package-slip", String(target.id)],
            ["privacy", "shipment-slip", String(target.id)],
        ] {
            let refused = try await harness.ctl(arguments, runAs: 65534)
            #expect(refused.status == 1, "\(arguments)")
            #expect(refused.err.contains("io.invsync.Privacy.PermissionDenied"), "\(arguments): \(refused.err)")
            #expect(!refused.out.contains(expected.name))
        }

        // R34: an order whose buyer data was never stored (as before the vault existed): reveal says none by name.
        // Written with the sqlite3 shell into the live WAL database, as an old version would have left it.
        let preVault = try #require(vaulted.dropFirst(5).first)
        let sql = try await DaemonHarness.run(
            "/usr/bin/sqlite3",
            [scenario.databasePath, "PRAGMA busy_timeout=5000; UPDATE sales_order SET vault = NULL, pii_state = 'none' WHERE id = \(preVault.id);"])
        #expect(sql.status == 0, "\(sql.err)")
        let none = try await harness.ctl(["privacy", "reveal", String(preVault.id), "--reason", "check"])
        #expect(none.status == 1 && none.err.contains("io.invsync.Privacy.PIIUnavailable") && none.err.contains("none"), "\(none.err)")
        let noneSlip = try await harness.ctl(["privacy", "shipment-slip", String(preVault.id)])
        #expect(noneSlip.status == 1 && noneSlip.err.contains("PIIUnavailable"), "\(noneSlip.err)")

        // R32: a clone is a local draft: same lines, default customer, no PII; the source is unchanged.
        let cloned = try await harness.ctl(["order", "clone", target.amazonOrderId, "--json"])
        #expect(cloned.status == 0, "\(cloned.err)")
        let draft = try Self.json(InventoryInterface.CloneOrderReply.self, cloned.out).order
        #expect(draft.channel == "local" && draft.amazonOrderId.isEmpty && draft.status == "draft")
        #expect(draft.piiState == .none && draft.customerName == target.customerName)
        #expect(draft.lines.map(\.sku) == target.lines.map(\.sku) && draft.lines.map(\.quantity) == target.lines.map(\.quantity))
        let after: InventoryInterface.GetOrderReply = try await scenario.call(
            InventoryInterface.Method.getOrder.qualified, ["id": .string(String(target.id))])
        #expect(after.order == target)

        // R32: the export has a header and one row per order line, and no PII.
        let file = harness.directory + "/orders.csv"
        let exported = try await harness.ctl(["order", "export", "--channel", name, "-o", file])
        #expect(exported.status == 0, "\(exported.err)")
        let csv = try String(contentsOfFile: file, encoding: .utf8)
        let rows = csv.components(separatedBy: "\r\n").dropLast()
        #expect(rows.first?.hasPrefix("order_id,channel,amazon_order_id,status,") == true)
        #expect(rows.count - 1 == orders.reduce(0) { $0 + $1.lines.count })
        let window = try await harness.ctl(["order", "export", "--from", "2000-01-01T00:00:00Z", "--to", "2000-01-02T00:00:00Z"])
        #expect(window.status == 0 && window.out.components(separatedBy: "\r\n").count == 2, "\(window.out)")

        // R32: every read reply of the synced orders, the export, the clone, the database files and the daemon's log
        // hold none of the sandbox buyers' names, emails or street addresses.
        var replies: [(String, String)] = [("export", csv), ("clone", cloned.out)]
        for arguments in [
            ["order", "list", "--limit", "10000"], ["status"], ["history"], ["retries"], ["item", "list", "--limit", "1000"],
            ["item", "unconfirmed"], ["warehouse", "list"],
        ] {
            let r = try await harness.ctl(arguments + ["--json"])
            #expect(r.status == 0, "\(arguments): \(r.err)")
            replies.append((arguments.joined(separator: " "), r.out))
        }
        for o in orders {
            let r = try await harness.ctl(["order", "show", String(o.id), "--json"])
            replies.append(("order show \(o.id)", r.out))
        }
        for task in try await scenario.tasks(nil) {
            replies.append(("history show \(task.id)", try await harness.ctl(["history", "show", String(task.id), "--json"]).out))
        }
        for sku in Set(orders.flatMap { $0.lines.map(\.sku) }).prefix(20) {
            replies.append(("item show \(sku)", try await harness.ctl(["item", "show", sku, "--json"]).out))
        }
        var everyBuyer = buyers
        for o in orders.prefix(60) where everyBuyer[o.amazonOrderId] == nil {
            everyBuyer[o.amazonOrderId] = try await Self.buyer(scenario.sandbox, o.amazonOrderId)
        }
        let needles = Set(everyBuyer.values.flatMap { [$0.name, $0.email, $0.addressLine].compactMap { $0 } })
        #expect(needles.count > 50)
        // Stop first, so the WAL and the log are complete.
        try await scenario.stop()
        let files = scenario.leakableBytes()
        var leaks: [String] = []
        for (label, text) in replies {
            for needle in needles where text.contains(needle) { leaks.append("\(label): buyer data"); break }
        }
        for (path, bytes) in files {
            for needle in needles where bytes.range(of: Data(needle.utf8)) != nil {
                leaks.append("\((path as NSString).lastPathComponent): buyer data")
                break
            }
        }
        #expect(leaks.isEmpty, "\(leaks.prefix(10))")

        // The audit: one notice per reveal and slip with uid, pid and order, one per refusal; no PII in any.
        let log = harness.log
        let audit = log.split(separator: "\n").filter {
            $0.contains("buyer revealed") || $0.contains("slip issued") || $0.contains("buyer data refused")
        }
        #expect(audit.filter { $0.contains("buyer revealed") }.count == 2, "\(audit)")
        #expect(audit.filter { $0.contains("slip issued") }.count == 3, "\(audit)")
        #expect(audit.filter { $0.contains("buyer data refused") && $0.contains("uid=65534") }.count == 3, "\(audit)")
        let reveal = try #require(audit.first { $0.contains("buyer revealed") })
        #expect(reveal.contains("uid=0") && reveal.contains("pid=") && reveal.contains("order=\(target.id)") && reveal.contains(reason), "\(reveal)")
        print("[measure] privacy: \(orders.count) orders, \(vaulted.count) MFN with PII, \(replies.count) read replies and \(files.count) files grepped for \(needles.count) buyer values; audit lines \(audit.count)")
    }
}
