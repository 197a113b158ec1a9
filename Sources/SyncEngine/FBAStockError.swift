import InventoryStore

/// Why an FBA stock operation (mark FBA, compare, refresh) could not be done.
public enum FBAStockError: Error, Equatable, CustomStringConvertible {
    /// No channel has an FBA warehouse (R24), so there is no FBA stock to fetch or record.
    case noFBAWarehouse
    /// The channel with the FBA warehouse is not declared in the configuration (no client to ask Amazon with).
    case channelNotDeclared(String)
    /// Amazon could not be asked (after the client's retries).
    case amazonFailed(String)
    case store(StoreError)

    public var description: String {
        switch self {
        case .noFBAWarehouse:
            "no channel has an FBA warehouse: designate one for a US channel with `invsyncctl channel fba CHANNEL WAREHOUSE`"
        case .channelNotDeclared(let name):
            "channel '\(name)' has the FBA warehouse but is not declared in the configuration: declare it and reload"
        case .amazonFailed(let reason): "Amazon's FBA inventory could not be read (\(reason)): try again later"
        case .store(let error): error.description
        }
    }
}
