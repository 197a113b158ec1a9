/// Appends a string as a JSON string literal: quote and backslash escaped, control characters as \u00XX, everything
/// else copied as UTF-8. Shared by the ingest's hand-written JSON (`BuyerJSON`, `JSONStringArray`).
enum JSONString {
    private static let hex = Array("0123456789abcdef".utf8)

    static func append(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        // Runs of bytes that need no escape are copied in one append each: a byte-by-byte append (a capacity and
        // uniqueness check per byte) was 3.5 % of the order ingest in issue 6's profile.
        value.withUTF8 { utf8 in
            var start = 0
            for i in utf8.indices {
                let b = utf8[i]
                guard b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                if b < 0x20 {
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    bytes.append(hex[Int(b >> 4)])
                    bytes.append(hex[Int(b & 0xf)])
                } else {
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(b)
                }
                start = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
