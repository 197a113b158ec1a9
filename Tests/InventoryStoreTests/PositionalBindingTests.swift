import Foundation
import GRDB
import Testing

@testable import InventoryStore

/// The ingest's positional binding (`Statement.run`, issue 6): every kind of value it binds reads back exactly, each
/// row bound over the previous one's values; and the page's contact keys.
struct PositionalBindingTests {
    /// An in-memory database, opened after the store's process-wide SQLite setting (which must precede any use of
    /// SQLite in the process: `BuyerDataSealingTests` checks it).
    static func queue() throws -> DatabaseQueue {
        AppDatabase.configureSQLite()
        return try DatabaseQueue()
    }

    static let schema = "CREATE TABLE t (n INTEGER PRIMARY KEY, a, b, c, d, e, f)"
    static let insert = "INSERT INTO t (a, b, c, d, e, f) VALUES (?, ?, ?, ?, ?, ?)"

    /// Rows covering what the ingest binds: empty and inline (≤ 15 bytes) and long texts, non-ASCII and NUL bytes,
    /// empty and long blobs, NULLs, integers and booleans.
    static let rows: [(String, String?, Data, Data?, Int64, Bool)] = [
        ("", nil, Data(), nil, 0, false),
        ("short", "é中𝄞", Data([0]), Data([1, 2, 3]), -1, true),
        (String(repeating: "long text ", count: 400), "with\u{0}nul", Data((0..<300).map { UInt8($0 & 0xff) }), Data(), Int64.max, true),
        ("x", "", Data(repeating: 7, count: 5_000), nil, Int64.min, false),
    ]

    @Test func valuesReadBackExactly() throws {
        let queue = try Self.queue()
        try queue.write { db in
            try db.execute(sql: Self.schema)
            let statement = try db.positionalStatement(sql: Self.insert)
            // Twice over, so each row is bound over the previous row's values.
            for row in Self.rows + Self.rows { try statement.run(row.0, row.1, row.2, row.3, row.4, row.5) }
        }
        let stored = try queue.read { db in
            // Texts read as their bytes: GRDB reads a text up to its first NUL, SQLite stores all of it.
            try Row.fetchAll(db, sql: "SELECT CAST(a AS BLOB), typeof(b), CAST(b AS BLOB), c, typeof(d), d, e, f FROM t ORDER BY n")
        }
        #expect(stored.count == Self.rows.count * 2)
        for (row, expected) in zip(stored, Self.rows + Self.rows) {
            #expect(row[0] as Data? ?? Data() == Data(expected.0.utf8))
            #expect(row[1] as String == (expected.1 == nil ? "null" : "text"))  // '' stays text, not NULL
            #expect(row[2] as Data? == expected.1.map { Data($0.utf8) } || expected.1 == "")
            #expect(row[3] as Data == expected.2)
            #expect(row[4] as String == (expected.3 == nil ? "null" : "blob"))  // an empty blob stays a blob
            #expect(row[5] as Data? == expected.3)
            #expect(row[6] as Int64 == expected.4)
            #expect(row[7] as Bool == expected.5)
        }
    }

    @Test func aFailedExecutionThrowsAndTheStatementRunsOn() throws {
        let queue = try Self.queue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE u (k TEXT NOT NULL UNIQUE)")
            let statement = try db.positionalStatement(sql: "INSERT INTO u (k) VALUES (?)")
            try statement.run("key")
            #expect(throws: DatabaseError.self) { try statement.run("key") }
            try statement.run("other")  // the statement runs on after a failed execution
        }
        #expect(try queue.read { db in try String.fetchAll(db, sql: "SELECT k FROM u ORDER BY k") } == ["key", "other"])
    }

    @Test func contactKeysCompareWholeDigests() {
        // Hashed by the first eight bytes only: two digests that share them are still two buyers (R19).
        let a = Data(repeating: 1, count: 32)
        var b = a
        b[31] = 2
        let contacts: [ContactDigestKey: Int] = [ContactDigestKey(a): 1, ContactDigestKey(b): 2]
        #expect(contacts.count == 2)
        #expect(contacts[ContactDigestKey(a)] == 1 && contacts[ContactDigestKey(b)] == 2)
        #expect(contacts[ContactDigestKey(Data(a))] == 1)
        // Digests of other lengths are keys of their own, even where their bytes are a zero-padded prefix of another.
        let short = Data(repeating: 1, count: 8), padded = short + Data(repeating: 0, count: 24)
        #expect(ContactDigestKey(short) != ContactDigestKey(padded))
        #expect(ContactDigestKey(Data(repeating: 1, count: 40)) != ContactDigestKey(a))
        #expect(ContactDigestKey(Data(repeating: 1, count: 40)) == ContactDigestKey(Data(repeating: 1, count: 40)))
    }
}
