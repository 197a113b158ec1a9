import Foundation

/// Reads an Amazon flat-file report document line by line: tab-separated, unquoted, one header row, values by header
/// name, without copying the whole file.
///
/// Column order and the set of columns vary by marketplace and over time, so rows are maps from header name to value.
/// Lines may end in CRLF; a line that is not valid UTF-8 (Amazon may send windows-1252 for some marketplaces) is read
/// as windows-1252; blank lines are skipped.
struct FlatFileRows: Sequence, Sendable {
    /// One body line: its values by column, or why it cannot be read (with its 1-based line number in the file).
    enum Line: Sendable, Equatable {
        case values(line: Int, [String: String])
        case invalid(line: Int, reason: String)
    }

    let columns: [String]
    private let data: Data
    private let bodyStart: Int

    /// Reads the header row; a header without one of `required` is refused, naming the column and `reportType`.
    init(_ data: Data, required: [String], reportType: String) throws {
        self.data = data
        let end = data.firstIndex(of: 0x0A) ?? data.endIndex
        let header = Self.fields(Self.text(data[data.startIndex..<end])).map { $0.trimmingCharacters(in: .whitespaces) }
        for name in required where !header.contains(name) {
            throw SellingPartnerError.decoding(operation: reportType, field: name,
                                               reason: "the header row has no \(name) column; is this a \(reportType) document?")
        }
        columns = header
        bodyStart = end == data.endIndex ? end : end + 1
    }

    func makeIterator() -> Iterator { Iterator(rows: self, position: bodyStart, line: 1) }

    struct Iterator: IteratorProtocol {
        let rows: FlatFileRows
        var position: Int
        var line: Int

        mutating func next() -> Line? {
            let data = rows.data
            while position < data.endIndex {
                line += 1
                let end = data[position...].firstIndex(of: 0x0A) ?? data.endIndex
                let bytes = data[position..<end]
                position = end == data.endIndex ? end : end + 1
                let text = FlatFileRows.text(bytes)
                if text.isEmpty { continue }
                return rows.line(text, number: line)
            }
            return nil
        }
    }

    private func line(_ text: String, number: Int) -> Line {
        let values = Self.fields(text)
        guard values.count == columns.count else {
            return .invalid(line: number, reason: "\(values.count) fields for \(columns.count) columns (a tab or line break inside a value?)")
        }
        var map: [String: String] = [:]
        map.reserveCapacity(columns.count)
        for (name, value) in zip(columns, values) { map[name] = value }
        return .values(line: number, map)
    }

    static func fields(_ line: String) -> [String] {
        line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }

    /// One line's text without its CR; invalid UTF-8 is read as windows-1252, else lossily.
    static func text(_ bytes: Data) -> String {
        var slice = bytes
        if slice.last == 0x0D { slice = slice.dropLast() }
        if let utf8 = String(data: slice, encoding: .utf8) { return utf8.hasPrefix("\u{FEFF}") ? String(utf8.dropFirst()) : utf8 }
        if let cp1252 = String(data: slice, encoding: .windowsCP1252) { return cp1252 }
        return String(decoding: slice, as: UTF8.self)
    }
}
