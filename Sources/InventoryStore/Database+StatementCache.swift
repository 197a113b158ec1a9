import GRDB

extension Database {
    /// Executes one statement through the statement cache: the ingest path runs the same SQL thousands of
    /// times per sync, and parsing it each time is most of the cost.
    func run(sql: String, arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
