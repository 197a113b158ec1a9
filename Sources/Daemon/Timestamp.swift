import Foundation

/// RFC 3339 UTC text for times shown to users and scripts.
enum Timestamp {
    static func rfc3339(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
    }
}
