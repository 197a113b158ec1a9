import Foundation
import Inventory

/// Maps a GET_MERCHANT_LISTINGS_ALL_DATA row to the store's `IncomingListing` at the SP-API edge.
extension MerchantListingsReport.Listing {
    /// The row as the store takes it. The report does not name variation families, so the caller passes
    /// what it learned elsewhere (`variationFamily`, `variationAttributes`). FBA rows carry no quantity.
    public func incomingListing(variationFamily: String? = nil, variationAttributes: [String] = []) -> IncomingListing {
        IncomingListing(
            sku: sellerSku, asin: asin, title: itemName, fulfillment: isFulfilledByAmazon ? .fba : .mfn,
            variationFamily: variationFamily, variationAttributes: variationAttributes,
            amazonQuantity: isFulfilledByAmazon ? nil : quantity)
    }

    /// Whether Amazon shows the listing as active (`status` "Active"); inactive listings are still stored,
    /// since their orders and stock still concern the seller.
    public var isActive: Bool { status?.caseInsensitiveCompare("Active") == .orderedSame }
}
