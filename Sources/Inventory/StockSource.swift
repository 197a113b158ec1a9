/// Whose stock a channel's listings show on Amazon: the whole organisation (R22) or one mapped warehouse (R23).
public enum StockSource: Sendable, Hashable {
    case organization
    case warehouse(String)

    /// The source a channel's settings imply: its mapped warehouse, else the organisation.
    public init(settings: ChannelSettings) {
        if let mapped = settings.mappedWarehouse { self = .warehouse(mapped) } else { self = .organization }
    }
}
