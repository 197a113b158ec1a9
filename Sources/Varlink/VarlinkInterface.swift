/// A parsed Varlink interface description (https://varlink.org/Interface-Definition): the IDL text is
/// the single source of truth, served verbatim by `GetInterfaceDescription` and used to validate calls.
public struct VarlinkInterface: Sendable {
    /// The reverse-domain name, e.g. `io.invsync.Daemon`.
    public let name: String
    /// The IDL text, verbatim.
    public let description: String
    public let methods: [String: VarlinkMethodSignature]
    /// Named types (`type Name (...)`).
    public let types: [String: VarlinkType]
    /// Errors and their parameter structs.
    public let errors: [String: [VarlinkField]]

    public init(parsing idl: String) throws(VarlinkIDLError) {
        var parser = VarlinkIDLParser(text: idl)
        let parsed = try parser.parseInterface()
        self.name = parsed.name
        self.description = idl
        self.methods = parsed.methods
        self.types = parsed.types
        self.errors = parsed.errors
    }
}

/// A recursive-descent parser of the Varlink IDL grammar.
struct VarlinkIDLParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(text: String) {
        scalars = Array(text.unicodeScalars)
    }

    struct Parsed {
        var name = ""
        var methods: [String: VarlinkMethodSignature] = [:]
        var types: [String: VarlinkType] = [:]
        var errors: [String: [VarlinkField]] = [:]
    }

    mutating func parseInterface() throws(VarlinkIDLError) -> Parsed {
        var parsed = Parsed()
        try expectKeyword("interface")
        parsed.name = try interfaceName()
        var seen: Set<String> = []
        while true {
            skipTrivia()
            if index >= scalars.count { break }
            let keyword = word()
            switch keyword {
            case "type":
                let name = try typeName()
                try unique(name, &seen)
                parsed.types[name] = try typeDefinition()
            case "method":
                let name = try typeName()
                try unique(name, &seen)
                let input = try structure()
                skipTrivia()
                try expect("-")
                try expect(">")
                let output = try structure()
                parsed.methods[name] = VarlinkMethodSignature(input: input, output: output)
            case "error":
                let name = try typeName()
                try unique(name, &seen)
                parsed.errors[name] = try structure()
            default:
                throw failure("expected 'type', 'method' or 'error', found '\(keyword)'")
            }
        }
        if parsed.methods.isEmpty { throw failure("an interface needs at least one method") }
        for (name, type) in parsed.types { try checkReferences(type, in: parsed, context: name) }
        for (name, method) in parsed.methods {
            for field in method.input + method.output { try checkReferences(field.type, in: parsed, context: name) }
        }
        return parsed
    }

    private func checkReferences(_ type: VarlinkType, in parsed: Parsed, context: String) throws(VarlinkIDLError) {
        switch type {
        case .named(let name):
            if parsed.types[name] == nil { throw VarlinkIDLError(line: 0, column: 0, message: "\(context) uses the undefined type \(name)") }
        case .structure(let fields):
            for field in fields { try checkReferences(field.type, in: parsed, context: context) }
        case .array(let element), .map(let element), .optional(let element):
            try checkReferences(element, in: parsed, context: context)
        default: break
        }
    }

    private func unique(_ name: String, _ seen: inout Set<String>) throws(VarlinkIDLError) {
        if !seen.insert(name).inserted { throw failure("'\(name)' is defined twice") }
    }

    // MARK: - Types

    private mutating func typeDefinition() throws(VarlinkIDLError) -> VarlinkType {
        skipTrivia()
        guard peek() == "(" else { throw failure("expected '(' to start the type's struct or enum") }
        return try structOrEnum()
    }

    private mutating func type() throws(VarlinkIDLError) -> VarlinkType {
        skipTrivia()
        if peek() == "?" {
            index += 1
            let wrapped = try type()
            if case .optional = wrapped { throw failure("'??' is not a type") }
            return .optional(wrapped)
        }
        if peek() == "[" {
            index += 1
            if peek() == "]" {
                index += 1
                return .array(try type())
            }
            let key = word()
            guard key == "string", peek() == "]" else { throw failure("expected '[]' or '[string]'") }
            index += 1
            return .map(try type())
        }
        if peek() == "(" { return try structOrEnum() }
        let name = word()
        switch name {
        case "bool": return .bool
        case "int": return .int
        case "float": return .float
        case "string": return .string
        case "object": return .object
        case "": throw failure("expected a type")
        default:
            guard name.first!.isUppercase else { throw failure("'\(name)' is not a type: type names start with an uppercase letter") }
            return .named(name)
        }
    }

    private mutating func structOrEnum() throws(VarlinkIDLError) -> VarlinkType {
        skipTrivia()
        let open = index
        try expect("(")
        skipTrivia()
        if peek() == ")" {
            index += 1
            return .structure([])
        }
        // A struct's members have ':'; an enum's do not.
        let save = index
        _ = word()
        skipTrivia()
        let isStruct = peek() == ":"
        index = save
        if isStruct {
            index = open
            return .structure(try structure())
        }
        var cases: [String] = []
        while true {
            skipTrivia()
            let name = word()
            guard Self.isFieldName(name) else { throw failure("expected an enum value name") }
            if cases.contains(name) { throw failure("enum value '\(name)' appears twice") }
            cases.append(name)
            skipTrivia()
            if peek() == "," {
                index += 1
                continue
            }
            try expect(")")
            return .enumeration(cases)
        }
    }

    private mutating func structure() throws(VarlinkIDLError) -> [VarlinkField] {
        skipTrivia()
        try expect("(")
        var fields: [VarlinkField] = []
        skipTrivia()
        if peek() == ")" {
            index += 1
            return fields
        }
        while true {
            skipTrivia()
            let name = word()
            guard Self.isFieldName(name) else { throw failure("expected a field name") }
            if fields.contains(where: { $0.name == name }) { throw failure("field '\(name)' appears twice") }
            skipTrivia()
            try expect(":")
            fields.append(VarlinkField(name: name, type: try type()))
            skipTrivia()
            if peek() == "," {
                index += 1
                continue
            }
            try expect(")")
            return fields
        }
    }

    // MARK: - Lexing

    private mutating func interfaceName() throws(VarlinkIDLError) -> String {
        skipTrivia()
        let start = index
        while index < scalars.count, Self.isNameCharacter(scalars[index]) || scalars[index] == "." || scalars[index] == "-" { index += 1 }
        let name = String(String.UnicodeScalarView(scalars[start..<index]))
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty && $0.first!.isLetter }) else {
            throw failure("'\(name)' is not an interface name (reverse domain, e.g. org.example.service)")
        }
        return name
    }

    private mutating func typeName() throws(VarlinkIDLError) -> String {
        skipTrivia()
        let name = word()
        guard let first = name.first, first.isUppercase, name.allSatisfy({ $0.isLetter || $0.isNumber }) else {
            throw failure("expected a name starting with an uppercase letter, found '\(name)'")
        }
        return name
    }

    private static func isFieldName(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter else { return false }
        return !name.hasSuffix("_") && !name.contains("__")
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.isASCII && (CharacterSetASCII.isAlphanumeric(scalar))) || scalar == "_"
    }

    private mutating func word() -> String {
        skipTrivia()
        let start = index
        while index < scalars.count, Self.isNameCharacter(scalars[index]) { index += 1 }
        return String(String.UnicodeScalarView(scalars[start..<index]))
    }

    private mutating func expectKeyword(_ keyword: String) throws(VarlinkIDLError) {
        let found = word()
        if found != keyword { throw failure("expected '\(keyword)', found '\(found)'") }
    }

    private mutating func expect(_ character: Unicode.Scalar) throws(VarlinkIDLError) {
        skipTrivia()
        guard peek() == character else {
            throw failure("expected '\(character)', found \(peek().map { "'\($0)'" } ?? "the end")")
        }
        index += 1
    }

    private func peek() -> Unicode.Scalar? {
        index < scalars.count ? scalars[index] : nil
    }

    private mutating func skipTrivia() {
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                index += 1
            } else if scalar == "#" {
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            } else {
                return
            }
        }
    }

    private func failure(_ message: String) -> VarlinkIDLError {
        var line = 1, column = 1
        for scalar in scalars[..<min(index, scalars.count)] {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return VarlinkIDLError(line: line, column: column, message: message)
    }
}

private enum CharacterSetASCII {
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
