import GRDB

/// What the store can fail with, in words an operator can act on.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case noSuchChannel(String)
    case noSuchTask(Int64)
    case constraintViolated(String)
    case cannotOpen(path: String, reason: String)
    case diskFull
    case io(String)

    public var description: String {
        switch self {
        case .noSuchChannel(let name): return "no channel named '\(name)'; see invsyncctl status for the declared channels"
        case .noSuchTask(let id): return "no sync task \(id); see invsyncctl history"
        case .constraintViolated(let message): return "the database refused inconsistent data: \(message)"
        case .cannotOpen(let path, let reason): return "cannot open the database \(path): \(reason)"
        case .diskFull: return "the disk holding the database is full; nothing was written; free space and the daemon resumes"
        case .io(let message): return "database error: \(message)"
        }
    }

    /// Maps any error thrown by GRDB to the store's closed set, in one place.
    static func from(_ error: any Error) -> StoreError {
        if let store = error as? StoreError { return store }
        guard let database = error as? DatabaseError else { return .io("\(error)") }
        switch database.resultCode {
        case .SQLITE_FULL: return .diskFull
        case .SQLITE_CONSTRAINT: return .constraintViolated(database.message ?? "constraint failed")
        default: return .io(database.message ?? "\(database.resultCode)")
        }
    }
}
