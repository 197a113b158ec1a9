/// Every failure the store reports; SQLite errors are mapped here, in one place.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case noSuchChannel(String)
    case noSuchTask(Int64)
    case constraintViolated(String)
    case cannotOpen(path: String, reason: String)
    case diskFull
    case io(String)
    case noSuchItem(String)
    case noSuchListing(channel: String, sku: String)
    case noSuchWarehouse(String)
    case noSuchOrder(String)
    case warehouseExists(String)
    case noPrimaryWarehouse
    case invalidVaultKey(byteCount: Int)
    case vaultLocked
    case vaultCorrupt
    case invalidQuantity(String)
    case invalidOrder(amazonOrderId: String, reason: String)
    case noFBAWarehouse
    /// The store was closed (the daemon is stopping): nothing was read or written.
    case closed

    public var description: String {
        switch self {
        case .noSuchChannel(let n): "no channel named '\(n)': declare it in the configuration and reload"
        case .noSuchTask(let id): "no sync task with id \(id): it may have expired from the history"
        case .constraintViolated(let m): "the database refused the change (\(m)): the value is not allowed"
        case .cannotOpen(let path, let reason):
            "cannot open database at \(path): \(reason); check that the directory exists and is writable"
        case .diskFull: "the disk holding the database is full: free space, then retry"
        case .io(let m): "database error: \(m)"
        case .noSuchItem(let sku): "no item with SKU '\(sku)': list items to see the SKUs"
        case .noSuchListing(let c, let sku): "no listing '\(sku)' on channel '\(c)': sync items first"
        case .noSuchWarehouse(let n): "no warehouse named '\(n)': add it first or list warehouses"
        case .noSuchOrder(let id): "no sales order '\(id)': give the local id or the Amazon order id"
        case .warehouseExists(let n): "a warehouse named '\(n)' already exists: pick another name"
        case .noPrimaryWarehouse:
            "no primary warehouse: set [organization] primary_warehouse in the configuration and reload"
        case .invalidVaultKey(let n):
            "the vault key has \(n) bytes but must have exactly 32: generate one with `head -c 32 /dev/urandom`"
        case .vaultLocked: "the PII vault has no key: configure vault_key_file or the vault-key credential"
        case .vaultCorrupt:
            "PII in the vault cannot be sealed or opened: the vault key is not the one it was written with"
        case .invalidQuantity(let m): "invalid quantity: \(m)"
        case .noFBAWarehouse:
            "no FBA warehouse is set: designate one for a US channel with `invsyncctl channel fba CHANNEL WAREHOUSE`"
        case .closed: "the database is closed because the daemon is stopping: nothing was changed; retry once it runs again"
        case .invalidOrder(let id, let reason):
            "order '\(id)' from Amazon is malformed (\(reason)): the page was not stored; record it failed and retry without it"
        }
    }
}
