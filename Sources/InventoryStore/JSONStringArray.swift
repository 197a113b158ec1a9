/// Writes strings as one JSON array for `json_each(?)`, the one bound parameter a page's keys travel in.
///
/// Hand-written because JSONEncoder's generic path cost 5 % of the order ingest (issue 6's profile) for two arrays
/// per page. Escapes what JSON requires (quote, backslash, control characters); everything else is copied as UTF-8.
enum JSONStringArray {
    static func encode(_ values: some Sequence<String>) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(1_024)
        var first = true
        for value in values {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            bytes.append(UInt8(ascii: "\""))
            for b in value.utf8 {
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(b)
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: Array("\\u00".utf8))
                    bytes.append(hex[Int(b >> 4)])
                    bytes.append(hex[Int(b & 0xf)])
                default:
                    bytes.append(b)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
