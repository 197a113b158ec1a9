import Foundation

/// Writes the sandbox's `[String: Any]` wire trees as JSON, keys sorted by code point.
///
/// Foundation's `JSONSerialization` with `.sortedKeys` compares keys with locale-aware collation and casts every
/// value dynamically; on a 100-order page that was 80% of the sandbox's time (about 60 ms a page).
enum JSONWriter {
    static func write(_ value: Any) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        guard append(value, to: &out) else { return nil }
        return out
    }

    private static func append(_ value: Any, to out: inout [UInt8]) -> Bool {
        // Exact types first: `as? Bool` would also match any NSNumber that JSONSerialization produced.
        if let s = value as? String {
            appendString(s, to: &out)
        } else if type(of: value) == Bool.self {
            out.append(contentsOf: (value as! Bool) ? Array("true".utf8) : Array("false".utf8))
        } else if type(of: value) == Int.self {
            out.append(contentsOf: String(value as! Int).utf8)
        } else if type(of: value) == Double.self {
            let d = value as! Double
            guard d.isFinite else { return false }
            out.append(contentsOf: (d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)).utf8)
        } else if value is [String: Any] || value is [Any] || value is NSNull {
            // Containers before NSNumber: casting a Swift dictionary to a class bridges it to NSDictionary.
            return appendContainer(value, to: &out)
        } else if let n = value as? NSNumber {
            // Decoded JSON booleans are NSNumbers of type "c" (char); decoded numbers are "q" or "d".
            if String(cString: n.objCType) == "c" {
                out.append(contentsOf: n.boolValue ? Array("true".utf8) : Array("false".utf8))
            } else {
                out.append(contentsOf: n.stringValue.utf8)
            }
        } else {
            return false
        }
        return true
    }

    private static func appendContainer(_ value: Any, to out: inout [UInt8]) -> Bool {
        switch value {
        case let a as [Any]:
            out.append(UInt8(ascii: "["))
            for (i, element) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                guard append(element, to: &out) else { return false }
            }
            out.append(UInt8(ascii: "]"))
        case let d as [String: Any]:
            out.append(UInt8(ascii: "{"))
            for (i, key) in d.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                guard append(d[key]!, to: &out) else { return false }
            }
            out.append(UInt8(ascii: "}"))
        case is NSNull:
            out.append(contentsOf: "null".utf8)
        default:
            return false
        }
        return true
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
