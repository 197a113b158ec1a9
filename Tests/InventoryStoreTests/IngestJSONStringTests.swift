import Foundation
import Testing

@testable import InventoryStore

/// `JSONString` copies unescaped runs in bulk (issue 6): the bytes must be those of the plain per-byte escaping, and
/// JSONDecoder must read every string back exactly.
struct IngestJSONStringTests {
    static func reference(_ value: String) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        for b in value.utf8 {
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), b]
            case 0..<0x20: bytes += Array("\\u00".utf8) + [hex[Int(b >> 4)], hex[Int(b & 0xf)]]
            default: bytes.append(b)
            }
        }
        return bytes + [UInt8(ascii: "\"")]
    }

    @Test func sameBytesAsPerByteEscapingAndReadsBack() throws {
        var values = ["", "plain", "\"", "\\", "a\"b\\c", "\"\"\\\\", "tab\there", "nl\n", "\u{0}\u{1F}x", "Zoë 👍 İ", "end\\"]
        values += (0..<128).map { "x" + String(UnicodeScalar(UInt8($0))) + "y" }
        values.append(String(repeating: "long run ", count: 50) + "\"")
        for v in values {
            var bytes: [UInt8] = []
            JSONString.append(v, to: &bytes)
            #expect(bytes == Self.reference(v), "\(Array(v.unicodeScalars))")
            #expect(try JSONDecoder().decode(String.self, from: Data(bytes)) == v)
        }
        // Appending after existing bytes keeps them.
        var bytes = Array("[1,".utf8)
        JSONString.append("a\"b", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "[1,\"a\\\"b\"")
    }
}
