import Foundation
import GRDBSQLite

/// A value the ingest binds straight into an SQLite statement parameter (`Statement.run`).
///
/// GRDB's own binding of a String builds a NUL-terminated copy (`utf8CString`, an allocation and a release per
/// value) before SQLite copies it again; here SQLite copies the string's UTF-8 bytes in place, once.
protocol PositionalValue {
    /// Binds the value to parameter `index` (1-based) of `statement`; SQLite's result code.
    func bind(to statement: OpaquePointer, at index: CInt) -> CInt
}

/// SQLite copies the bytes before the bind call returns (`SQLITE_TRANSIENT`).
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

extension String: PositionalValue {
    func bind(to statement: OpaquePointer, at index: CInt) -> CInt {
        var text = self  // withUTF8 makes a bridged string native in place; a native one is not copied
        return text.withUTF8 { bytes in
            // An empty buffer may have no address, and a NULL pointer would bind SQL NULL, not ''.
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_text(statement, index, "", 0, transient) }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(statement, index, $0, CInt(bytes.count), transient)
            }
        }
    }
}

extension Data: PositionalValue {
    func bind(to statement: OpaquePointer, at index: CInt) -> CInt {
        withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_zeroblob(statement, index, 0) }
            return sqlite3_bind_blob(statement, index, base, CInt(bytes.count), transient)
        }
    }
}

extension Int64: PositionalValue {
    func bind(to statement: OpaquePointer, at index: CInt) -> CInt { sqlite3_bind_int64(statement, index, self) }
}

extension Int: PositionalValue {
    func bind(to statement: OpaquePointer, at index: CInt) -> CInt { sqlite3_bind_int64(statement, index, Int64(self)) }
}

extension Bool: PositionalValue {
    func bind(to statement: OpaquePointer, at index: CInt) -> CInt { sqlite3_bind_int(statement, index, self ? 1 : 0) }
}

extension Optional: PositionalValue where Wrapped: PositionalValue {
    func bind(to statement: OpaquePointer, at index: CInt) -> CInt {
        switch self {
        case .some(let value): value.bind(to: statement, at: index)
        case .none: sqlite3_bind_null(statement, index)
        }
    }
}
