import GRDB
import GRDBSQLite

extension Database {
    /// The cached statement of `sql`, taken over for `Statement.run` until the end of the current transaction: the
    /// ingest's per-row statements are fetched once per page and nothing else runs them meanwhile.
    ///
    /// Marks the statement's (empty) arguments as bound for GRDB, once, so `run` can rebind by position without
    /// GRDB's reset, `sqlite3_clear_bindings` and argument bookkeeping on every row (together ~1,600 instructions per
    /// execution, and clearing frees the text buffers SQLite would otherwise reuse for the next row's values).
    func positionalStatement(sql: String) throws -> Statement {
        let statement = try cachedStatement(sql: sql)
        statement.setUncheckedArguments(StatementArguments())
        return statement
    }
}

extension Statement {
    /// Runs a statement from `Database.positionalStatement(sql:)` with `values` bound by position straight into
    /// SQLite, for the ingest's per-row statements.
    ///
    /// `execute(arguments: [a, b, c])` first builds a `StatementArguments` (an array of `DatabaseValue`, each value
    /// boxed through `DatabaseValueConvertible`) and validates it: 14 % of the order ingest in issue 6's profile.
    /// Here each value binds itself (`PositionalValue`), over the previous row's values: every parameter is bound
    /// each time (checked by a precondition), so none is left from the previous row. GRDB still steps and reports
    /// the statement as usual (observers, errors, a failed statement leaving the cache), since its `execute()`
    /// without arguments keeps the bindings set after `setUncheckedArguments`.
    func run<each Value: PositionalValue>(_ values: repeat each Value) throws {
        try bind(repeat each values)
        try execute()
    }

    /// Runs a multi-row statement from `Database.positionalStatement(sql:)` (`VALUES (…), (…), …`) with the values
    /// `columns` gives for each of `rows`, bound by position in row order, as `run` binds one row.
    func run<Element, each Value: PositionalValue>(
        rows: some Sequence<Element>, _ columns: (Element) -> (repeat each Value)
    ) throws {
        let statement = sqliteStatement
        sqlite3_reset(statement)
        var index: CInt = 0
        for row in rows {
            let values = columns(row)
            for value in repeat each values {
                index += 1
                let code = value.bind(to: statement, at: index)
                if code != SQLITE_OK { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind argument \(index)", sql: sql) }
            }
        }
        precondition(index == sqlite3_bind_parameter_count(statement), "\(index) values for the parameters of \(sql)")
        try execute()
    }

    /// Binds `values` like `run`, for a following fetch without arguments (`Row.fetchOne(statement)`).
    func bind<each Value: PositionalValue>(_ values: repeat each Value) throws {
        let statement = sqliteStatement
        // Binding needs a reset statement; the previous execution's error, if any, was thrown by that execution.
        sqlite3_reset(statement)
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
