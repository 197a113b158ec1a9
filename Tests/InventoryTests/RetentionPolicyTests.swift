import Foundation
import Testing
import Inventory

struct RetentionPolicyTests {
    static func utc(_ s: String) -> Date { try! Date(s, strategy: .iso8601) }

    // R12: calendar months in UTC, clamped at month ends.
    @Test(arguments: [
        ("2026-03-15T10:00:00Z", "2026-02-15T10:00:00Z", "2026-01-15T10:00:00Z"),
        ("2026-03-31T23:59:59Z", "2026-02-28T23:59:59Z", "2026-01-31T23:59:59Z"),
        ("2024-03-31T00:00:00Z", "2024-02-29T00:00:00Z", "2024-01-31T00:00:00Z"),
        ("2026-01-01T00:00:00Z", "2025-12-01T00:00:00Z", "2025-11-01T00:00:00Z"),
        ("2026-05-31T12:00:00Z", "2026-04-30T12:00:00Z", "2026-03-31T12:00:00Z"),
        ("2026-04-30T00:30:00Z", "2026-03-30T00:30:00Z", "2026-02-28T00:30:00Z"),
    ])
    func cutoffs(now: String, succeeded: String, failed: String) {
        let c = RetentionPolicy.default.cutoffs(now: Self.utc(now))
        #expect(c.succeeded == Self.utc(succeeded))
        #expect(c.failed == Self.utc(failed))
    }
}
