import Foundation
import Inventory

/// Maps a Listings Items API listing to the store's `IncomingListing` at the SP-API edge.
extension ListingsItems.Item {
    /// The listing as the store takes it, for one marketplace.
    ///
    /// FBA when any fulfillment availability names a channel other than `DEFAULT` (Amazon names FBA channels by
    /// region: AMAZON_NA, AMAZON_EU…); the merchant quantity only for MFN, since Amazon counts FBA stock itself.
    /// The variation family is the parent SKU of `child_parent_sku_relationship`; its attributes come from the
    /// relationship's variation theme when Amazon sends one, else from the `variation_theme` attribute's name.
    public func incomingListing(marketplaceId: String) -> IncomingListing {
        let summary = summaries?.first { $0.marketplaceId == marketplaceId } ?? summaries?.first
        let fba = fulfillmentAvailability?.contains { $0.fulfillmentChannelCode != ListingsItems.FulfillmentAvailability.merchantChannel } ?? false
        return IncomingListing(
            sku: sku, asin: summary?.asin, title: summary?.itemName ?? attributeString("item_name", "value"),
            fulfillment: fba ? .fba : .mfn, variationFamily: variationParentSku,
            variationAttributes: variationAttributeNames(marketplaceId: marketplaceId),
            amazonQuantity: fba ? nil : quantity())
    }

    /// The parent SKU of this listing's variation family, or nil when it is not a variation child.
    public var variationParentSku: String? {
        attributeString("child_parent_sku_relationship", "parent_sku")
            ?? relationships?.lazy.flatMap(\.relationships).first { $0.type == .variation }?.parentSkus?.first
    }

    /// The variation attribute names, lowercased, e.g. `["color", "size"]`; empty when not in a family.
    public func variationAttributeNames(marketplaceId: String) -> [String] {
        let byRelationship = relationships?.first { $0.marketplaceId == marketplaceId }?.relationships
            .first { $0.type == .variation }?.variationTheme?.attributes
        if let byRelationship, !byRelationship.isEmpty { return byRelationship.map { $0.lowercased() } }
        // The attribute holds the theme's name, e.g. "COLOR/SIZE"; its parts are the attributes.
        guard let theme = attributeString("variation_theme", "name") else { return [] }
        return theme.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }

    /// The `member` of the first value of attribute `name` as text.
    func attributeString(_ name: String, _ member: String) -> String? {
        guard let value = attributes?[name]?[0]?[member]?.stringValue, !value.isEmpty else { return nil }
        return value
    }
}
