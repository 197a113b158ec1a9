import GRDB
import GRDBSQLite

extension Statement {
    /// Steps a SELECT bound by `bind(...)` (from `Database.positionalStatement(sql:)`) straight through SQLite, calling
    /// `body` with the raw statement at each row, then resets it; for the ingest's per-order and per-page reads.
    ///
    /// GRDB's `Row.fetchOne`/`fetchAll` build a cursor (column names, adapter) and copy each row before decoding: about
    /// 7k instructions per query besides SQLite's own work (callgrind, issue 6). A read changes nothing, so GRDB's
    /// change observation has nothing to see here. `body` reads columns with `sqlite3_column_*`.
    func forEachRow(_ body: (OpaquePointer) throws -> Void) throws {
        let statement = sqliteStatement
        defer { sqlite3_reset(statement) }
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code),
                    message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))), sql: sql)
            }
            try body(statement)
        }
    }
}

/// The TEXT column `index` of the current row (`Statement.forEachRow`), "" for NULL.
func columnText(_ statement: OpaquePointer, _ index: CInt) -> String {
    guard let text = sqlite3_column_text(statement, index) else { return "" }
    return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, index))), as: UTF8.self)
}

/// The INTEGER column `index` of the current row, nil for NULL.
func columnInt64(_ statement: OpaquePointer, _ index: CInt) -> Int64? {
    sqlite3_column_type(statement, index) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, index)
}
