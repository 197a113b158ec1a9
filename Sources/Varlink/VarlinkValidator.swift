/// Checks call parameters against a method's input struct, as the IDL declares it.
struct VarlinkValidator {
    let interface: VarlinkInterface

    /// Throws `InvalidParameter` naming the first top-level parameter that is missing, unknown or ill-typed.
    func validate(_ parameters: [String: JSONValue], against fields: [VarlinkField]) throws(VarlinkError) {
        let known = Set(fields.map(\.name))
        for key in parameters.keys.sorted() where !known.contains(key) {
            throw VarlinkError.invalidParameter(key)
        }
        for field in fields {
            if !matches(parameters[field.name] ?? .null, field.type, depth: 0) {
                throw VarlinkError.invalidParameter(field.name)
            }
        }
    }

    private func matches(_ value: JSONValue, _ type: VarlinkType, depth: Int) -> Bool {
        guard depth < 64 else { return false }
        switch (type, value) {
        case (.optional, .null): return true
        case (.optional(let wrapped), _): return matches(value, wrapped, depth: depth + 1)
        case (_, .null): return false
        case (.bool, .bool): return true
        case (.int, .number(let number)): return number == number.rounded() && abs(number) <= 9_007_199_254_740_992
        case (.float, .number): return true
        case (.string, .string): return true
        case (.object, _): return true
        case (.named(let name), _):
            guard let resolved = interface.types[name] else { return false }
            return matches(value, resolved, depth: depth + 1)
        case (.enumeration(let cases), .string(let string)): return cases.contains(string)
        case (.array(let element), .array(let items)): return items.allSatisfy { matches($0, element, depth: depth + 1) }
        case (.map(let element), .object(let entries)): return entries.values.allSatisfy { matches($0, element, depth: depth + 1) }
        case (.structure(let fields), .object(let entries)):
            let known = Set(fields.map(\.name))
            guard entries.keys.allSatisfy(known.contains) else { return false }
            return fields.allSatisfy { matches(entries[$0.name] ?? .null, $0.type, depth: depth + 1) }
        default: return false
        }
    }
}
