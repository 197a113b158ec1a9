/// Finds the line of a table or key in TOML source text, so configuration problems can name their line.
///
/// TOMLKit reports lines only for syntax errors; for semantic problems this scans the (already
/// syntactically valid) text for table headers and `key =` lines. Dotted keys and inline tables fall
/// back to the line of the enclosing table header.
struct TOMLKeyLocator {
    private var tableLines: [String: Int] = [:]
    private var keyLines: [String: Int] = [:]

    init(text: String) {
        var table = ""
        var arrayCounts: [String: Int] = [:]
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[[") {
                let name = Self.headerName(line.dropFirst(2), closing: "]]")
                let index = arrayCounts[name, default: 0] + 1
                arrayCounts[name] = index
                table = "\(name)[\(index)]"
                tableLines[table] = lineNumber
            } else if line.hasPrefix("[") {
                table = Self.headerName(line.dropFirst(), closing: "]")
                tableLines[table] = lineNumber
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                var key = line[..<equals].trimmingCharacters(in: " \t")
                if key.count >= 2, key.first == "\"" || key.first == "'" { key = String(key.dropFirst().dropLast()) }
                let full = table.isEmpty ? key : "\(table).\(key)"
                if keyLines[full] == nil { keyLines[full] = lineNumber }
            }
        }
    }

    /// The line of `key` (e.g. `channel[1].name`), else of its table, else nil.
    func line(of key: String) -> Int? {
        if let line = keyLines[key] { return line }
        if let line = tableLines[key] { return line }
        if let dot = key.lastIndex(of: ".") { return line(of: String(key[..<dot])) }
        return nil
    }

    private static func headerName(_ rest: Substring, closing: String) -> String {
        let end = rest.range(of: closing)?.lowerBound ?? rest.endIndex
        return rest[..<end].trimmingCharacters(in: " \t")
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = self[...]
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
