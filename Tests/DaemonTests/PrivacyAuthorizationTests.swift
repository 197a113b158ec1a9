import Foundation
import InvSyncInterface
import Testing
import Varlink

@testable import Daemon

/// Who may read buyer data (R30, R32): the authorizer's decisions, and the export's RFC 4180 quoting.
struct PrivacyAuthorizationTests {
    static let ownUID: UInt32 = 4242
    static let group: UInt32 = 5151

    static func call(_ method: String, interface: String = PrivacyInterface.name, uid: UInt32, gid: UInt32 = 100) -> VarlinkCall {
        VarlinkCall(
            interface: interface, method: method, parameters: [:], more: false, oneway: false,
            peer: VarlinkPeer(pid: 1, uid: uid, gid: gid, groups: []))
    }

    static func decision(_ call: VarlinkCall) async -> String? {
        let authorizer = ControlAuthorizer(ownUID: ownUID, controlGroupID: { group })
        do {
            try await authorizer.authorize(call)
            return nil
        } catch {
            return error.name
        }
    }

    /// R30: RevealBuyer is root's alone — not the daemon's own user, not the control group.
    @Test func revealIsRootOnly() async {
        let reveal = PrivacyInterface.Method.revealBuyer.rawValue
        #expect(await Self.decision(Self.call(reveal, uid: 0)) == nil)
        #expect(await Self.decision(Self.call(reveal, uid: Self.ownUID)) == PrivacyInterface.ErrorName.permissionDenied)
        #expect(await Self.decision(Self.call(reveal, uid: 1000, gid: Self.group)) == PrivacyInterface.ErrorName.permissionDenied)
        #expect(await Self.decision(Self.call(reveal, uid: 1000)) == PrivacyInterface.ErrorName.permissionDenied)
    }

    /// R32: slips are for fulfilment staff: root and the daemon's user, never the read-only control group.
    @Test func slipsForRootAndTheDaemonUser() async {
        for method in [PrivacyInterface.Method.packageSlip, .shipmentSlip] {
            #expect(await Self.decision(Self.call(method.rawValue, uid: 0)) == nil)
            #expect(await Self.decision(Self.call(method.rawValue, uid: Self.ownUID)) == nil)
            #expect(await Self.decision(Self.call(method.rawValue, uid: 1000, gid: Self.group)) == PrivacyInterface.ErrorName.permissionDenied)
        }
        // The control group still reads orders (no PII), but may not clone or export them.
        let inventory = InventoryInterface.name
        #expect(await Self.decision(Self.call("GetOrder", interface: inventory, uid: 1000, gid: Self.group)) == nil)
        #expect(await Self.decision(Self.call("CloneOrder", interface: inventory, uid: 1000, gid: Self.group)) == DaemonInterface.ErrorName.permissionDenied)
        #expect(await Self.decision(Self.call("ExportOrders", interface: inventory, uid: 1000, gid: Self.group)) == DaemonInterface.ErrorName.permissionDenied)
    }

    /// The export's CSV: a header, CRLF records, quoting only where RFC 4180 needs it.
    @Test func csvQuoting() {
        #expect(OrderCSV.field("plain-SKU_1") == "plain-SKU_1")
        #expect(OrderCSV.field("a,b") == "\"a,b\"")
        #expect(OrderCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(OrderCSV.field("two\nlines") == "\"two\nlines\"")
        #expect(OrderCSV.field("crlf\r\nend") == "\"crlf\r\nend\"")
        #expect(OrderCSV.field("") == "")
        let csv = OrderCSV.render([])
        #expect(csv == OrderCSV.header.joined(separator: ",") + "\r\n")
        for column in OrderCSV.header {
            for pii in ["buyer", "email", "phone", "address", "name", "recipient", "city", "postal"] {
                #expect(!column.contains(pii), "column \(column)")
            }
        }
    }
}
