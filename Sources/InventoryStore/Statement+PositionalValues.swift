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
        var binding = PositionalBinding(self)
        for row in rows {
            let values = columns(row)
            for value in repeat each values { try binding.bind(value) }
        }
        binding.finish()
        try execute()
    }

    /// Binds `values` like `run`, for a following fetch without arguments (`Row.fetchOne(statement)`).
    func bind<each Value: PositionalValue>(_ values: repeat each Value) throws {
        var binding = PositionalBinding(self)
        for value in repeat each values { try binding.bind(value) }
        binding.finish()
    }
}

/// Binds values to a statement's parameters by position, from the first: `run` and `bind` above. Inlined: not inlined,
/// it added 1.3k instructions per ingested order (callgrind).
private struct PositionalBinding {
    private let statement: Statement
    private let handle: OpaquePointer
    private var index: CInt = 0

    @inline(__always) init(_ statement: Statement) {
        self.statement = statement
        handle = statement.sqliteStatement
        // Binding needs a reset statement; the previous execution's error, if any, was thrown by that execution.
        sqlite3_reset(handle)
    }

    /// Binds `value` to the next parameter.
    @inline(__always) mutating func bind(_ value: some PositionalValue) throws {
        index += 1
        let code = value.bind(to: handle, at: index)
        // Binding fails only on a wrong index or out of memory.
        if code != SQLITE_OK {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind argument \(index)", sql: statement.sql)
        }
    }

    /// Checks that every parameter was bound, so none keeps the previous execution's value.
    func finish() {
        precondition(index == sqlite3_bind_parameter_count(handle), "\(index) values for the parameters of \(statement.sql)")
    }
}
