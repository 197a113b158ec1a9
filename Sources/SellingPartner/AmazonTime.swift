import Foundation

/// Reads and writes SP-API timestamps: ISO 8601 in UTC, with or without fractional seconds.
public enum AmazonTime {
    /// The form Amazon accepts in query parameters and request bodies, e.g. `2026-11-27T03:35:30Z`.
    public static func string(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: false, timeZone: .gmt))
    }

    /// Parses every ISO 8601 form Amazon's responses use (`Z` or an offset, fractional seconds or not).
    public static func date(_ text: String) -> Date? {
        if let d = try? Date.ISO8601FormatStyle(includingFractionalSeconds: false).parse(text) { return d }
        if let d = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return d }
        return nil
    }

    /// The decoding strategy for `Date` fields of response bodies.
    static let decoding = JSONDecoder.DateDecodingStrategy.custom { decoder in
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = date(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 timestamp: \(text.prefix(40))")
        }
        return date
    }

    /// The encoding strategy for `Date` fields of request bodies.
    static let encoding = JSONEncoder.DateEncodingStrategy.custom { date, encoder in
        var container = encoder.singleValueContainer()
        try container.encode(string(date))
    }
}

/// Encodes request bodies the way SP-API reads them.
enum RequestEncoder {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = AmazonTime.encoding
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do { return try encoder.encode(value) } catch {
            throw SellingPartnerError.invalidRequest("could not encode the request body: \(error)")
        }
    }
}
