/// A recursive-descent parser for the Varlink IDL grammar (varlink.org), tracking line/column for errors.
struct VarlinkIDLParser {
    struct Parsed {
        var name = ""
        var methods: [String: VarlinkMethodSignature] = [:]
        var errors: [String: [VarlinkField]] = [:]
        var types: [String: VarlinkType] = [:]
    }

    private let chars: [Character]
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ text: String) {
        chars = Array(text)
    }

    mutating func parseInterface() throws(VarlinkIDLError) -> Parsed {
        var parsed = Parsed()
        try expectKeyword("interface")
        parsed.name = try interfaceName()
        while true {
            skipTrivia()
            if atEnd { break }
            let (kwLine, kwColumn) = (line, column)
            let keyword = word()
            switch keyword {
            case "type":
                let name = try typeName()
                guard parsed.types[name] == nil else { throw VarlinkIDLError(line: kwLine, column: kwColumn, message: "type \(name) is defined twice") }
                skipTrivia()
                parsed.types[name] = try structOrEnum()
            case "method":
                let name = try typeName()
                guard parsed.methods[name] == nil else { throw VarlinkIDLError(line: kwLine, column: kwColumn, message: "method \(name) is defined twice") }
                let input = try structFields()
                skipTrivia()
                guard consume("->") else { throw failure("expected '->' after the input of method \(name)") }
                let output = try structFields()
                parsed.methods[name] = VarlinkMethodSignature(name: name, input: input, output: output)
            case "error":
                let name = try typeName()
                guard parsed.errors[name] == nil else { throw VarlinkIDLError(line: kwLine, column: kwColumn, message: "error \(name) is defined twice") }
                parsed.errors[name] = try structFields()
            default:
                throw VarlinkIDLError(line: kwLine, column: kwColumn, message: "expected 'type', 'method' or 'error', found '\(keyword)'")
            }
        }
        guard !parsed.methods.isEmpty || !parsed.types.isEmpty || !parsed.errors.isEmpty else {
            throw failure("an interface needs at least one type, method or error")
        }
        try checkReferences(parsed)
        return parsed
    }

    // MARK: - Grammar

    private mutating func structOrEnum() throws(VarlinkIDLError) -> VarlinkType {
        // "(" followed by "name :" or ")" is a struct; "name ," or "name )" is an enum.
        let saved = (index, line, column)
        guard consume("(") else { throw failure("expected '('") }
        skipTrivia()
        if peek == ")" {
            (index, line, column) = saved
            return .structure(try structFields())
        }
        _ = word()
        skipTrivia()
        let isStruct = peek == ":"
        (index, line, column) = saved
        return isStruct ? .structure(try structFields()) : .enumeration(try enumCases())
    }

    private mutating func structFields() throws(VarlinkIDLError) -> [VarlinkField] {
        skipTrivia()
        guard consume("(") else { throw failure("expected '('") }
        var fields: [VarlinkField] = []
        skipTrivia()
        if consume(")") { return fields }
        while true {
            skipTrivia()
            let (fLine, fColumn) = (line, column)
            let name = word()
            guard isFieldName(name) else { throw VarlinkIDLError(line: fLine, column: fColumn, message: "expected a field name, found '\(name)'") }
            guard !fields.contains(where: { $0.name == name }) else { throw VarlinkIDLError(line: fLine, column: fColumn, message: "field \(name) is defined twice") }
            skipTrivia()
            guard consume(":") else { throw failure("expected ':' after field \(name)") }
            fields.append(VarlinkField(name: name, type: try elementType()))
            skipTrivia()
            if consume(")") { return fields }
            guard consume(",") else { throw failure("expected ',' or ')'") }
        }
    }

    private mutating func enumCases() throws(VarlinkIDLError) -> [String] {
        guard consume("(") else { throw failure("expected '('") }
        var cases: [String] = []
        while true {
            skipTrivia()
            let (cLine, cColumn) = (line, column)
            let name = word()
            guard isFieldName(name) else { throw VarlinkIDLError(line: cLine, column: cColumn, message: "expected an enum value, found '\(name)'") }
            guard !cases.contains(name) else { throw VarlinkIDLError(line: cLine, column: cColumn, message: "enum value \(name) is defined twice") }
            cases.append(name)
            skipTrivia()
            if consume(")") { return cases }
            guard consume(",") else { throw failure("expected ',' or ')'") }
        }
    }

    private mutating func elementType() throws(VarlinkIDLError) -> VarlinkType {
        skipTrivia()
        if consume("?") {
            skipTrivia()
            if peek == "?" { throw failure("a type cannot be optional twice") }
            return .optional(try elementType())
        }
        if consume("[]") { return .array(try elementType()) }
        if consume("[string]") { return .map(try elementType()) }
        if peek == "(" { return try structOrEnum() }
        let (tLine, tColumn) = (line, column)
        let name = word()
        switch name {
        case "bool": return .bool
        case "int": return .int
        case "float": return .float
        case "string": return .string
        case "object": return .object
        default:
            guard isTypeName(name) else { throw VarlinkIDLError(line: tLine, column: tColumn, message: "expected a type, found '\(name.isEmpty ? String(peek ?? " ") : name)'") }
            return .named(name)
        }
    }

    private func checkReferences(_ parsed: Parsed) throws(VarlinkIDLError) {
        func check(_ type: VarlinkType) throws(VarlinkIDLError) {
            switch type {
            case .named(let n): if parsed.types[n] == nil { throw VarlinkIDLError(line: line, column: column, message: "type \(n) is used but not defined") }
            case .array(let t), .map(let t), .optional(let t): try check(t)
            case .structure(let fields): for f in fields { try check(f.type) }
            default: break
            }
        }
        for t in parsed.types.values { try check(t) }
        for m in parsed.methods.values { for f in m.input + m.output { try check(f.type) } }
        for e in parsed.errors.values { for f in e { try check(f.type) } }
    }

    // MARK: - Lexing

    private var atEnd: Bool { index >= chars.count }
    private var peek: Character? { atEnd ? nil : chars[index] }

    private mutating func advance() {
        if chars[index] == "\n" { line += 1; column = 1 } else { column += 1 }
        index += 1
    }

    private mutating func skipTrivia() {
        while let c = peek {
            if c == "#" {
                while let d = peek, d != "\n" { _ = d; advance() }
            } else if c.isWhitespace {
                advance()
            } else {
                return
            }
        }
    }

    private mutating func consume(_ token: String) -> Bool {
        let t = Array(token)
        guard index + t.count <= chars.count, Array(chars[index..<index + t.count]) == t else { return false }
        for _ in t { advance() }
        return true
    }

    /// Reads a run of name characters (letters, digits, '_', '.').
    private mutating func word() -> String {
        var s = ""
        while let c = peek, c.isASCII, c.isLetter || c.isNumber || c == "_" || c == "." {
            s.append(c)
            advance()
        }
        return s
    }

    private mutating func expectKeyword(_ keyword: String) throws(VarlinkIDLError) {
        skipTrivia()
        let (l, c) = (line, column)
        let w = word()
        guard w == keyword else { throw VarlinkIDLError(line: l, column: c, message: "expected '\(keyword)', found '\(w)'") }
    }

    private mutating func interfaceName() throws(VarlinkIDLError) -> String {
        skipTrivia()
        let (l, c) = (line, column)
        let name = word()
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        let valid = parts.count >= 2 && parts.allSatisfy { p in
            guard let first = p.first, first.isLetter else { return false }
            return !p.hasPrefix("-") && !p.hasSuffix("-")
        }
        guard valid else { throw VarlinkIDLError(line: l, column: c, message: "'\(name)' is not a valid interface name (reverse-domain, e.g. org.example.Service)") }
        return name
    }

    private mutating func typeName() throws(VarlinkIDLError) -> String {
        skipTrivia()
        let (l, c) = (line, column)
        let name = word()
        guard isTypeName(name) else { throw VarlinkIDLError(line: l, column: c, message: "'\(name)' is not a valid name (must start with an uppercase letter)") }
        return name
    }

    private func isTypeName(_ s: String) -> Bool {
        guard let f = s.first, f.isUppercase, f.isASCII else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    private func isFieldName(_ s: String) -> Bool {
        guard let f = s.first, f.isLetter, f.isASCII else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } && !s.hasSuffix("_")
    }

    private func failure(_ message: String) -> VarlinkIDLError {
        VarlinkIDLError(line: line, column: column, message: message)
    }
}
