/// A parsed Varlink interface definition: its name, verbatim IDL text, methods, errors and named types.
public struct VarlinkInterface: Sendable {
    public let name: String
    /// The IDL text verbatim, as served by `GetInterfaceDescription`.
    public let description: String
    public let methods: [String: VarlinkMethodSignature]
    public let errors: [String: [VarlinkField]]
    public let types: [String: VarlinkType]

    public init(parsing idl: String) throws(VarlinkIDLError) {
        var parser = VarlinkIDLParser(idl)
        let parsed = try parser.parseInterface()
        self.name = parsed.name
        self.description = idl
        self.methods = parsed.methods
        self.errors = parsed.errors
        self.types = parsed.types
    }
}

/// The input and output structs of one method.
public struct VarlinkMethodSignature: Sendable, Hashable {
    public let name: String
    public let input: [VarlinkField]
    public let output: [VarlinkField]

    public init(name: String, input: [VarlinkField], output: [VarlinkField]) {
        self.name = name
        self.input = input
        self.output = output
    }
}

/// One named field of a struct.
public struct VarlinkField: Sendable, Hashable {
    public let name: String
    public let type: VarlinkType

    public init(name: String, type: VarlinkType) {
        self.name = name
        self.type = type
    }
}

/// A Varlink IDL type.
public indirect enum VarlinkType: Sendable, Hashable {
    case bool, int, float, string, object
    case named(String)
    case array(VarlinkType)
    case map(VarlinkType)
    case optional(VarlinkType)
    case structure([VarlinkField])
    case enumeration([String])
}
