/// A type of the Varlink interface definition language.
public indirect enum VarlinkType: Sendable, Hashable, CustomStringConvertible {
    case bool, int, float, string, object
    /// A reference to a named `type` of the interface.
    case named(String)
    case structure([VarlinkField])
    case enumeration([String])
    case array(VarlinkType)
    case map(VarlinkType)
    case optional(VarlinkType)

    public var description: String {
        switch self {
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "string"
        case .object: return "object"
        case .named(let name): return name
        case .structure(let fields): return "(" + fields.map { "\($0.name): \($0.type)" }.joined(separator: ", ") + ")"
        case .enumeration(let cases): return "(" + cases.joined(separator: ", ") + ")"
        case .array(let element): return "[]\(element)"
        case .map(let element): return "[string]\(element)"
        case .optional(let wrapped): return "?\(wrapped)"
        }
    }
}

/// One field of a Varlink struct.
public struct VarlinkField: Sendable, Hashable {
    public let name: String
    public let type: VarlinkType

    public init(name: String, type: VarlinkType) {
        self.name = name
        self.type = type
    }
}

/// A method's input and output structs.
public struct VarlinkMethodSignature: Sendable, Hashable {
    public let input: [VarlinkField]
    public let output: [VarlinkField]
}
