import Foundation

/// Encodes and decodes the sandbox's JSON wire bodies and builds SP-API `ErrorList` bodies.
enum JSON {
    static func encode(_ value: Any) -> [UInt8] {
        JSONWriter.write(value) ?? Array("{}".utf8)
    }

    static func decode(_ bytes: [UInt8]) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    static func errors(_ code: String, _ message: String, _ details: String = "") -> [UInt8] {
        var e: [String: Any] = ["code": code, "message": message]
        if !details.isEmpty { e["details"] = details }
        return encode(["errors": [e]])
    }

    static func invalid(_ message: String, _ details: String = "") -> Reply {
        Reply(status: 400, body: errors("InvalidInput", message, details))
    }

    static func notFound(_ message: String) -> Reply { Reply(status: 404, body: errors("NotFound", message)) }

    static func ok(_ value: Any, status: Int = 200) -> Reply { Reply(status: status, body: encode(value)) }

    /// An integer from decoded JSON: a whole number, never a boolean (JSONSerialization gives both as NSNumber,
    /// and on Linux `NSNumber as? Int` and `is Bool` both succeed for 0 and 1).
    static func integer(_ value: Any?) -> Int? {
        guard let n = value as? NSNumber, String(cString: n.objCType) != "c" else { return nil }
        let d = n.doubleValue
        guard d == d.rounded(), abs(d) < 9e15 else { return nil }
        return Int(d)
    }

    static func time(_ d: Date) -> String { d.formatted(Date.ISO8601FormatStyle()) }

    static func parseTime(_ s: String) -> Date? {
        if let d = try? Date.ISO8601FormatStyle().parse(s) { return d }
        if let d = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(s) { return d }
        return nil
    }
}
