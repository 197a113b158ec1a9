/// Decides whether an incoming listing is synced: a variation family with more than three variation
/// attributes is not (R15), and the record fails with the reason.
public enum ListingAdmission: Sendable, Hashable {
    case accept
    case reject(reason: String)

    public static let maxVariationAttributes = 3

    public static func decide(_ listing: IncomingListing) -> ListingAdmission {
        let count = Set(listing.variationAttributes).count
        if count > maxVariationAttributes {
            return .reject(
                reason: "variation family has \(count) variation attributes; at most \(maxVariationAttributes) are synced")
        }
        if listing.sku.isEmpty { return .reject(reason: "listing has an empty SKU") }
        return .accept
    }
}
