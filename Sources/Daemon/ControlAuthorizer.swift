import Foundation
import InvSyncInterface
import Varlink

/// Decides who may call what on the control socket: root (and the daemon's own user) everything but the
/// root-only methods, members of the configured control group the read methods only, anyone else nothing.
struct ControlAuthorizer: Sendable {
    /// Fully qualified names of the methods that only read state.
    static let readMethods: Set<String> = [
        DaemonInterface.Method.getStatus.qualified,
        SyncInterface.Method.listTasks.qualified,
        SyncInterface.Method.getTask.qualified,
        SyncInterface.Method.listRetries.qualified,
        InventoryInterface.Method.listItems.qualified,
        InventoryInterface.Method.getItem.qualified,
        InventoryInterface.Method.listUnconfirmed.qualified,
        InventoryInterface.Method.listWarehouses.qualified,
        InventoryInterface.Method.listOrders.qualified,
        InventoryInterface.Method.getOrder.qualified,
        InventoryInterface.Method.listInboundShipments.qualified,
    ]

    /// Methods for root alone, not even the daemon's own user: revealing a buyer on demand is a person's
    /// decision, audited with their uid (R30, R32).
    static let rootOnlyMethods: Set<String> = [
        PrivacyInterface.Method.revealBuyer.qualified,
    ]

    /// The daemon's own effective uid (under DynamicUser, the transient user).
    let ownUID: UInt32
    /// The configured control group, read at each call so a reload applies at once.
    let controlGroupID: @Sendable () async -> UInt32?

    func authorize(_ call: VarlinkCall) async throws(VarlinkError) {
        let peer = call.peer
        let qualified = "\(call.interface).\(call.method)"
        if Self.rootOnlyMethods.contains(qualified) {
            if peer.uid == 0 { return }
            throw Self.denied(call, qualified)
        }
        if peer.uid == 0 || peer.uid == ownUID { return }
        if Self.readMethods.contains(qualified), let group = await controlGroupID(),
            peer.gid == group || peer.groups.contains(group) || Self.isMember(uid: peer.uid, of: group)
        {
            return
        }
        throw Self.denied(call, qualified)
    }

    /// The refusal, named by the interface called: io.invsync.Privacy has its own PermissionDenied.
    private static func denied(_ call: VarlinkCall, _ qualified: String) -> VarlinkError {
        VarlinkError(
            call.interface == PrivacyInterface.name
                ? PrivacyInterface.ErrorName.permissionDenied : DaemonInterface.ErrorName.permissionDenied,
            parameters: ["method": .string(qualified), "uid": .number(Double(call.peer.uid))])
    }

    /// Whether the user `uid` is listed in group `gid` (for when the peer's supplementary groups are hidden,
    /// as under ProtectProc=invisible).
    static func isMember(uid: UInt32, of gid: UInt32) -> Bool {
        guard let user = getpwuid(uid), let group = getgrgid(gid), var members = group.pointee.gr_mem else { return false }
        guard let name = user.pointee.pw_name else { return false }
        while let member = members.pointee {
            if strcmp(member, name) == 0 { return true }
            members += 1
        }
        return false
    }
}
