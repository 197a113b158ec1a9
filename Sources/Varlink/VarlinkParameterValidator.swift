/// Checks call parameters against a method's input struct, so handlers only see well-typed calls.
struct VarlinkParameterValidator {
    let interface: VarlinkInterface

    func validate(_ parameters: [String: JSONValue], against fields: [VarlinkField]) throws(VarlinkError) {
        for (key, _) in parameters where !fields.contains(where: { $0.name == key }) {
            throw .invalidParameter(key)
        }
        for field in fields {
            guard conforms(parameters[field.name], to: field.type, depth: 0) else { throw .invalidParameter(field.name) }
        }
    }

    private func conforms(_ value: JSONValue?, to type: VarlinkType, depth: Int) -> Bool {
        // A self-referencing named type could otherwise recurse without end on a hostile value.
        guard depth < 256 else { return false }
        if case .optional(let inner) = type {
            guard let value, value != .null else { return true }
            return conforms(value, to: inner, depth: depth + 1)
        }
        guard let value else { return false }
        switch (type, value) {
        case (.bool, .bool), (.float, .number), (.string, .string), (.object, .object):
            return true
        case (.int, .number(let d)):
            return d.rounded() == d && abs(d) <= 9_007_199_254_740_992
        case (.array(let inner), .array(let items)):
            return items.allSatisfy { conforms($0, to: inner, depth: depth + 1) }
        case (.map(let inner), .object(let entries)):
            return entries.values.allSatisfy { conforms($0, to: inner, depth: depth + 1) }
        case (.enumeration(let cases), .string(let s)):
            return cases.contains(s)
        case (.structure(let fields), .object(let entries)):
            guard entries.keys.allSatisfy({ k in fields.contains { $0.name == k } }) else { return false }
            return fields.allSatisfy { conforms(entries[$0.name], to: $0.type, depth: depth + 1) }
        case (.named(let name), _):
            guard let resolved = interface.types[name] else { return false }
            return conforms(value, to: resolved, depth: depth + 1)
        default:
            return false
        }
    }
}
