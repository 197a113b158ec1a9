import GRDB
import GRDBSQLite

extension Statement {
    /// Runs the statement with `values` bound by position straight into SQLite, for the ingest's per-row statements.
    ///
    /// `execute(arguments: [a, b, c])` first builds a `StatementArguments` (an array of `DatabaseValue`, each value
    /// boxed through `DatabaseValueConvertible`) and validates it: 14 % of the order ingest in issue 6's profile.
    /// Here each value binds itself (`StatementBinding`, no intermediate array); GRDB still resets, steps and
    /// reports the statement as usual (observers, errors, a failed statement leaving the cache), since its
    /// `execute()` without arguments keeps the bindings set after `setUncheckedArguments`.
    /// The caller passes exactly as many values as the SQL has `?`: checked by a precondition.
    func run<each Value: StatementBinding>(_ values: repeat each Value) throws {
        try bind(repeat each values)
        try execute()
    }

    /// Binds `values` by position (clearing earlier bindings), for a following `execute()` or fetch without arguments.
    func bind<each Value: StatementBinding>(_ values: repeat each Value) throws {
        // Resets the statement, clears its bindings and marks its (empty) arguments bound.
        setUncheckedArguments(StatementArguments())
        let statement = sqliteStatement
        var index: CInt = 0
        for value in repeat each values {
            index += 1
            let code = value.bind(to: statement, at: index)
            // Binding fails only on a wrong index or out of memory.
            if code != SQLITE_OK { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind argument \(index)", sql: sql) }
        }
        precondition(index == sqlite3_bind_parameter_count(statement), "\(index) values for the parameters of \(sql)")
    }
}
