import Foundation
import SellingPartner

/// RFC 3339 UTC text for times shown to users and scripts.
enum Timestamp {
    static func rfc3339(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
    }

    /// Parses an RFC 3339 time (`Z` or an offset, with or without fractional seconds): the same forms Amazon sends,
    /// read by the same parser.
    static func parse(_ text: String) -> Date? {
        AmazonTime.date(text)
    }
}
