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

    private static func describe(_ parameters: [String: JSONValue]) -> String {
        parameters.keys.sorted().map { key in
            switch parameters[key]! {
            case .string(let s): return "\(key)=\(s)"
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
