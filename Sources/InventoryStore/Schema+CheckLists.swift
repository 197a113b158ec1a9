import Foundation
import GRDB

extension Schema {
    /// The tables migration v4-check-lists rewrites: the ones the order ingest writes once or more per order.
    static let checkListTables = ["sales_order", "stock_movement", "task_record"]

    /// Migration v4-check-lists: the CHECKs `col IN ('a','b','c',…)` of the ingest's tables become `(col = 'a' OR …)`,
    /// the same constraint in another spelling.
    ///
    /// Why: SQLite evaluates an IN list of more than two constants by building an ephemeral b-tree of the list, once
    /// per execution of a statement, and the ingest executes each INSERT once per row: 5 such b-trees per order
    /// (sales_order's status and pii_state, each stock movement's kind, the task record's outcome), 40 % of the plain
    /// inserts' instructions into these tables (callgrind, issue 6). An OR chain of equalities is a few comparisons.
    /// Both spellings compare with the column's collation (BINARY) and give NULL for NULL, so they accept and refuse
    /// exactly the same values; lists of two constants are already compared inline and stay.
    ///
    /// How: SQLite's documented procedure for changing a table's constraints without rebuilding it (ALTER TABLE,
    /// "other kinds of table schema changes"): the table's CREATE text in sqlite_schema is rewritten under
    /// `writable_schema` and the schema version is bumped so every connection reparses it, all in the migration's
    /// transaction (registered with immediate foreign key checks: no row changes, so no whole-database
    /// `foreign_key_check` at the end). No row is read or moved, so it takes milliseconds whatever the
    /// size of the database (a rebuild of sales_order and stock_movement takes tens of seconds on a large store).
    /// Stored rows satisfied the old CHECKs, hence the new ones.
    static func rewriteCheckLists(_ db: Database) throws {
        let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
        try db.execute(sql: "PRAGMA writable_schema = ON")
        for table in checkListTables {
            guard let sql = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", arguments: [table])
            else { throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "table \(table) is missing") }
            let rewritten = orChains(sql)
            guard rewritten != sql else { continue }
            try db.execute(
                sql: "UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?", arguments: [rewritten, table])
        }
        try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
        try db.execute(sql: "PRAGMA writable_schema = OFF")
        // The bumped version makes SQLite reparse the whole schema at the next statement: a text it could not parse
        // fails here ("malformed database schema") and the migration's transaction rolls back. No integrity_check:
        // it reads every row and index (half a minute on a 1 GiB store) to prove what the equivalence already does.
        for table in checkListTables {
            let columns = try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
            guard !columns.isEmpty else {
                throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "table \(table) unreadable after v4-check-lists")
            }
        }
    }

    /// `sql` with every `name IN ('a','b','c',…)` of three or more quoted constants spelled `(name = 'a' OR …)`.
    /// The constants hold no quote or comma (they are the schema's enumerations).
    static func orChains(_ sql: String) -> String {
        let pattern = #"([A-Za-z_]+) IN \(((?:\s*'[^',]*'\s*,)+\s*'[^',]*'\s*)\)"#
        let regex = try! NSRegularExpression(pattern: pattern)
        var result = sql
        let ns = sql as NSString
        // Right to left, so earlier ranges stay valid while later matches are replaced.
        for match in regex.matches(in: sql, range: NSRange(location: 0, length: ns.length)).reversed() {
            let column = ns.substring(with: match.range(at: 1))
            let values = ns.substring(with: match.range(at: 2)).split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard values.count > 2 else { continue }
            let chain = "(" + values.map { "\(column) = \($0)" }.joined(separator: " OR ") + ")"
            result = (result as NSString).replacingCharacters(in: match.range, with: chain)
        }
        return result
    }
}

extension Schema {
    /// Migration v4-no-contact-index: drops `sales_order_by_contact`, an index entry written with every order (about
    /// 1 % of the ingest's instructions, issue 6) that no query reads: no statement selects orders by contact, and
    /// contacts are never deleted, so the foreign key's ON DELETE SET NULL (which still holds: SQLite then scans
    /// sales_order) never has to find an order by its contact.
    static let noContactIndex = "DROP INDEX sales_order_by_contact;"
}
