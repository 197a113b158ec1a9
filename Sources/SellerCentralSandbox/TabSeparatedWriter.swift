import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Builds a tab-separated document row by row in one byte buffer, keeping tabs and line breaks out of the values.
struct TabSeparatedWriter {
    private var out: [UInt8] = []
    private var first = true

    init(capacity: Int) { out.reserveCapacity(capacity) }

    /// The document so far.
    var bytes: [UInt8] { out }

    private mutating func separate() {
        if !first { out.append(0x09) }
        first = false
    }

    mutating func text(_ s: String) {
        separate()
        // A tab or line break inside a value would shift every later column; Amazon's files replace them too.
        for b in s.utf8 { out.append(b == 0x09 || b == 0x0A || b == 0x0D ? 0x20 : b) }
    }

    mutating func raw(_ b: [UInt8]) {
        separate()
        out.append(contentsOf: b)
    }

    mutating func integer(_ n: Int) {
        separate()
        out.append(contentsOf: String(n).utf8)
    }

    /// A decimal amount with a dot and two places.
    mutating func money(_ amount: Double) {
        separate()
        let cents = Int((amount * 100).rounded())
        if cents < 0 { out.append(0x2D) }
        out.append(contentsOf: String(abs(cents) / 100).utf8)
        out.append(0x2E)
        two(abs(cents) % 100)
    }

    /// `2026-11-20T13:45:12+00:00`, the report's date format, in UTC.
    mutating func time(_ d: Date) {
        separate()
        var t = time_t(d.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        out.append(contentsOf: String(Int(parts.tm_year) + 1900).utf8)
        out.append(0x2D); two(Int(parts.tm_mon) + 1)
        out.append(0x2D); two(Int(parts.tm_mday))
        out.append(0x54); two(Int(parts.tm_hour))
        out.append(0x3A); two(Int(parts.tm_min))
        out.append(0x3A); two(Int(parts.tm_sec))
        out.append(contentsOf: "+00:00".utf8)
    }

    private mutating func two(_ n: Int) {
        out.append(UInt8(48 + n / 10))
        out.append(UInt8(48 + n % 10))
    }

    /// Ends the row: the next field starts a new line.
    mutating func endRow() {
        out.append(0x0A)
        first = true
    }
}
