/// Every failure the store reports; SQLite errors are mapped here, in one place.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case noSuchChannel(String)
    case noSuchTask(Int64)
    case constraintViolated(String)
    case cannotOpen(path: String, reason: String)
    case diskFull
    case io(String)

    public var description: String {
        switch self {
        case .noSuchChannel(let n): "no channel named '\(n)': declare it in the configuration and reload"
        case .noSuchTask(let id): "no sync task with id \(id): it may have expired from the history"
        case .constraintViolated(let m): "the database refused the change (\(m)): the value is not allowed"
        case .cannotOpen(let path, let reason):
            "cannot open database at \(path): \(reason); check that the directory exists and is writable"
        case .diskFull: "the disk holding the database is full: free space, then retry"
        case .io(let m): "database error: \(m)"
        }
    }
}
