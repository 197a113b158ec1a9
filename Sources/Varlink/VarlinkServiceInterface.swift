/// The built-in `org.varlink.service` interface: introspection of the service and its interfaces.
struct VarlinkServiceInterface: VarlinkInterfaceHandler {
    static let idl = """
    # The Varlink Service Interface is provided by every varlink service. It
    # describes the service and the interfaces it implements.
    interface org.varlink.service

    # Get a list of all the interfaces a service provides and information
    # about the implementation.
    method GetInfo() -> (
      vendor: string,
      product: string,
      version: string,
      url: string,
      interfaces: []string
    )

    # Get the description of an interface that is implemented by this service.
    method GetInterfaceDescription(interface: string) -> (description: string)

    # The requested interface was not found.
    error InterfaceNotFound (interface: string)

    # The requested method was not found
    error MethodNotFound (method: string)

    # The interface defines the requested method, but the service does not
    # implement it.
    error MethodNotImplemented (method: string)

    # One of the passed parameters is invalid.
    error InvalidParameter (parameter: string)

    # Client is denied access
    error PermissionDenied ()

    # Method is expected to be called with 'more' set to true, but wasn't
    error ExpectedMore ()

    """

    // The IDL above is a constant of this module; failing to parse it is a programming error caught by the tests.
    static let parsed: VarlinkInterface = try! VarlinkInterface(parsing: idl)

    struct Info: Codable, Sendable {
        var vendor, product, version, url: String
        var interfaces: [String]
    }
    struct DescriptionRequest: Codable, Sendable { var interface: String }
    struct Description: Codable, Sendable { var description: String }

    let info: VarlinkServiceInfo
    let descriptions: [String: String]

    var interface: VarlinkInterface { Self.parsed }

    func handle(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws {
        switch call.method {
        case "GetInfo":
            try await replies.send(Info(vendor: info.vendor, product: info.product, version: info.version, url: info.url,
                                        interfaces: descriptions.keys.sorted()), continues: false)
        case "GetInterfaceDescription":
            let request = try call.decode(DescriptionRequest.self)
            guard let text = descriptions[request.interface] else { throw VarlinkError.interfaceNotFound(request.interface) }
            try await replies.send(Description(description: text), continues: false)
        default:
            throw VarlinkError.methodNotImplemented(call.method)
        }
    }
}
