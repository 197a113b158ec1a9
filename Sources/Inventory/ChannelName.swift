/// A validated channel name: 1–64 characters of `[a-z0-9][a-z0-9._-]*`.
public struct ChannelName: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Errors raised when a channel name is not valid.
    public enum ValidationError: Error, Equatable, CustomStringConvertible {
        case invalid(String)
        public var description: String {
            switch self {
            case .invalid(let name):
                "invalid channel name '\(name)': use 1-64 characters a-z 0-9 . _ -, starting with a letter or digit"
            }
        }
    }

    public init(_ rawValue: String) throws(ValidationError) {
        guard ChannelName.isValid(rawValue) else { throw .invalid(rawValue) }
        self.rawValue = rawValue
    }

    public static func isValid(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard (1...64).contains(bytes.count) else { return false }
        func alnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
        guard alnum(bytes[0]) else { return false }
        return bytes.allSatisfy { alnum($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }
    }

    public var description: String { rawValue }
    public static func < (a: ChannelName, b: ChannelName) -> Bool { a.rawValue < b.rawValue }
}
