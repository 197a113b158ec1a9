import Foundation

/// One complete HTTP response as a transport returns it.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names are kept as received; look them up with `header(_:)`, which ignores case.
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The last value of the named header, compared without case as HTTP requires.
    public func header(_ name: String) -> String? {
        headers.last { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
