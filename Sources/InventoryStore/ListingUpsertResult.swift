/// What `upsertListings` did with one incoming listing.
public struct ListingUpsertResult: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        case created
        case updated
        /// Not stored (R15); the reason is also recorded as a failed record in the task.
        case rejected(reason: String)
    }

    public var sku: String
    /// The linked item's SKU; nil when rejected or unlinked.
    public var itemSku: String?
    public var action: Action

    public init(sku: String, itemSku: String?, action: Action) {
        self.sku = sku
        self.itemSku = itemSku
        self.action = action
    }
}
