import Foundation
import Varlink

/// Why a control command failed, with its exit code (CONTROL.md): 1 the daemon said no, 3 unreachable.
enum ControlFailure: Error {
    case refused(VarlinkError, json: Bool)
    case unreachable(socket: String, reason: String)
    case protocolFailure(String)

    var exitCode: Int32 {
        switch self {
        case .refused: return 1
        case .unreachable, .protocolFailure: return 3
        }
    }

    func report() {
        switch self {
        case .refused(let error, let json):
            if json {
                let object: [String: JSONValue] = ["error": .string(error.name), "parameters": .object(error.parameters)]
                JSONOutput.print(JSONValue.object(object))
            }
            var line = "invsyncctl: \(error.name)"
            if !error.parameters.isEmpty { line += ": " + ControlFailure.describe(error.parameters) }
            if let hint = ControlFailure.hints[error.name] { line += "\n" + hint }
            FileHandle.standardError.write(Data((line + "\n").utf8))
        case .unreachable(let socket, let reason):
            FileHandle.standardError.write(Data("""
                invsyncctl: cannot reach invsyncd at \(socket) (\(reason)).
                Is it running? Try: systemctl status invsyncd.socket invsyncd.service
                Use --socket PATH or INVSYNC_SOCKET for another socket.

                """.utf8))
        case .protocolFailure(let reason):
            FileHandle.standardError.write(Data("invsyncctl: the daemon's answer could not be read (\(reason))\n".utf8))
        }
    }

    /// What to do about each named error, printed under it.
    static let hints: [String: String] = [
        "io.invsync.Daemon.PermissionDenied": "Only root may change state; members of the control group may read. Use sudo.",
        "io.invsync.Daemon.StorageFailed": "Nothing was changed. Check the disk and the journal (journalctl -u invsyncd), then retry.",
        "io.invsync.Channels.NoSuchChannel": "See the channels with: invsyncctl status. Declare new ones in the configuration, then: invsyncctl reload",
        "io.invsync.Channels.NoSuchWarehouse": "See the warehouses with: invsyncctl warehouse list; add one with: invsyncctl warehouse add NAME",
        "io.invsync.Channels.IntervalNotAllowed": "Use one of the allowed values.",
        "io.invsync.Channels.Conflict": "Nothing was changed; do what the reason says first.",
        "io.invsync.Channels.NotAllowed": "Nothing was changed; the reason says what would allow it.",
        "io.invsync.Sync.NoSuchTask": "See the tasks with: invsyncctl history. Old tasks expire (one month, failed ones two).",
        "io.invsync.Sync.NoSuchChannel": "See the channels with: invsyncctl status",
        "io.invsync.Sync.ChannelNotActive": "Nothing was started. invsyncctl status shows each channel's state and reason; fix that first.",
        "io.invsync.Inventory.NoSuchItem": "See the items with: invsyncctl item list",
        "io.invsync.Inventory.NoSuchListing": "See the unconfirmed listings with: invsyncctl item unconfirmed, or sync items first.",
        "io.invsync.Inventory.NoSuchWarehouse": "See the warehouses with: invsyncctl warehouse list",
        "io.invsync.Inventory.NoSuchOrder": "Give the local id or the Amazon order id; see them with: invsyncctl order list",
        "io.invsync.Inventory.NoSuchChannel": "See the channels with: invsyncctl status",
        "io.invsync.Inventory.WarehouseExists": "Pick another name; see them with: invsyncctl warehouse list",
        "io.invsync.Inventory.InvalidQuantity": "Nothing was changed; give a valid quantity.",
        "org.varlink.service.InvalidParameter": "The named parameter is missing or has a wrong value; see --help of the command.",
    ]

    private static func describe(_ parameters: [String: JSONValue]) -> String {
        parameters.keys.sorted().map { key in
            switch parameters[key]! {
            case .string(let s): return "\(key)=\(s)"
            case .array(let items) where items.allSatisfy({ if case .number = $0 { true } else { false } }):
                return "\(key)=" + items.map { item in
                    if case .number(let n) = item { return n == n.rounded() ? String(Int(n)) : String(n) }
                    return ""
                }.joined(separator: ",")
            case .array(let items):
                return "\(key):\n  " + items.map { item in
                    if case .string(let s) = item { return s }
                    return "\(item)"
                }.joined(separator: "\n  ")
            case .number(let n): return n == n.rounded() ? "\(key)=\(Int(n))" : "\(key)=\(n)"
            default: return "\(key)=\(parameters[key]!)"
            }
        }.joined(separator: " ")
    }
}
