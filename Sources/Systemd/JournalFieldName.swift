/// Turns a swift-log metadata key into a valid journal field name (`spapi.operation` → `SPAPI_OPERATION`).
enum JournalFieldName {
    /// Fields we set ourselves; a metadata key that would collide gets a prefix instead of overwriting them.
    private static let reserved: Set<String> = [
        "MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "CODE_FILE", "CODE_LINE", "CODE_FUNC", "MESSAGE_ID",
    ]

    /// Uppercase, `[A-Z0-9_]` only, not starting with `_` (trusted fields) or a digit, at most 64 bytes.
    static func from(metadataKey key: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(key.utf8.count + 2)
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): bytes.append(byte - 32)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                bytes.append(byte)
            default: bytes.append(UInt8(ascii: "_"))
            }
        }
        if bytes.isEmpty || bytes[0] == UInt8(ascii: "_") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[0]) {
            bytes.insert(contentsOf: "META_".utf8, at: 0)
        }
        if bytes.count > 64 { bytes.removeLast(bytes.count - 64) }
        let name = String(decoding: bytes, as: UTF8.self)
        return reserved.contains(name) ? "META_" + name : name
    }
}
