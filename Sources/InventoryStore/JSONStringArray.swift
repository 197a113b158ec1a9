/// Writes strings as one JSON array for `json_each(?)`, the one bound parameter a page's keys travel in.
///
/// Hand-written because JSONEncoder's generic path cost 5 % of the order ingest (issue 6's profile) for two arrays
/// per page. Each element is written by `JSONString`.
enum JSONStringArray {
    static func encode(_ values: some Sequence<String>) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(1_024)
        var first = true
        for value in values {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            JSONString.append(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
