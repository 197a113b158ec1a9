import Foundation

/// Reply parameters encoded once as a JSON object, for a handler that sends the same reply many times (GetStatus):
/// the connection writes these bytes as they are instead of encoding the reply again on every call.
public struct VarlinkEncodedParameters: Encodable, Sendable, Equatable {
    /// The JSON object, exactly as the connection would have encoded the parameters.
    public let json: Data

    /// Encodes `parameters` the way the connection does.
    public init(_ parameters: some Encodable) throws {
        json = try JSONEncoder().encode(parameters)
    }

    /// Only for a reply sender other than the connection's (which writes `json` as it is): the same object again.
    public func encode(to encoder: any Encoder) throws {
        try JSONDecoder().decode(JSONValue.self, from: json).encode(to: encoder)
    }
}
