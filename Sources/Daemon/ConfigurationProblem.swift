/// One thing wrong with a configuration file, located by line and key so an operator can fix it.
public struct ConfigurationProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line of the file the problem is on, when it can be located.
    public var line: Int?
    /// The dotted key, e.g. `channel[2].marketplace`, or the table for table-level problems.
    public var key: String
    /// What is wrong and what to do, in words.
    public var message: String

    public init(line: Int?, key: String, message: String) {
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        if let line { return "line \(line): \(key): \(message)" }
        return "\(key): \(message)"
    }
}

/// Every problem of a configuration file that could not be accepted.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var problems: [ConfigurationProblem]

    public init(path: String, problems: [ConfigurationProblem]) {
        self.path = path
        self.problems = problems
    }

    public var description: String {
        problems.map { "\(path): \($0)" }.joined(separator: "\n")
    }
}
