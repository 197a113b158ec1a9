import Foundation

// The fields the sync engine reads, one step away instead of three; each is nil when Amazon left it out
// (most need the matching `includedData`).

extension Orders.Order {
    /// The marketplace the order was placed in (`salesChannel.marketplaceId`).
    public var marketplaceId: String? { salesChannel.marketplaceId }
    /// `fulfillment.fulfillmentStatus`. Ask for `includedData` FULFILLMENT: the model makes `fulfillment` optional and
    /// names a FULFILLMENT dataset, so Amazon may leave it out otherwise (the sandbox always sends it).
    public var fulfillmentStatus: Orders.FulfillmentStatus? { fulfillment?.fulfillmentStatus }
    /// `fulfillment.fulfilledBy`: `.amazon` for AFN, `.merchant` for MFN (see `fulfillmentStatus` on includedData).
    public var fulfilledBy: Orders.FulfilledBy? { fulfillment?.fulfilledBy }
    /// The latest time the order must ship by (`fulfillment.shipByWindow.latestDateTime`).
    public var latestShipDate: Date? { fulfillment?.shipByWindow?.latestDateTime }
    /// The seller's own order number, when one was given (alias of type `SELLER_ORDER_ID`).
    public var sellerOrderId: String? { orderAliases?.first { $0.aliasType == "SELLER_ORDER_ID" }?.aliasId }
    /// Needs `includedData` BUYER.
    public var buyerName: String? { buyer?.buyerName }
    /// Anonymized; Amazon gives it for merchant-fulfilled orders only. Needs `includedData` BUYER.
    public var buyerEmail: String? { buyer?.buyerEmail }
    /// Name, address and phone of the recipient. Needs `includedData` RECIPIENT.
    public var deliveryAddress: Orders.CustomerAddress? { recipient?.deliveryAddress }
    /// What the order brings in total. Needs `includedData` PROCEEDS.
    public var grandTotal: Orders.Money? { proceeds?.grandTotal }
}

extension Orders.OrderItem {
    /// The seller's SKU of the item (`product.sellerSku`).
    public var sellerSku: String? { product.sellerSku }
    /// The item's ASIN (`product.asin`).
    public var asin: String? { product.asin }
    /// The price of one unit (`product.price.unitPrice`).
    public var unitPrice: Orders.Money? { product.price?.unitPrice }
    /// Units shipped so far (`fulfillment.quantityFulfilled`). Needs `includedData` FULFILLMENT.
    public var quantityShipped: Int? { fulfillment?.quantityFulfilled }
    /// Units still to ship (`fulfillment.quantityUnfulfilled`). Needs `includedData` FULFILLMENT.
    public var quantityUnshipped: Int? { fulfillment?.quantityUnfulfilled }
    /// Who cancelled the item, e.g. `BUYER`, `MERCHANT`, `AMAZON`. Needs `includedData` CANCELLATION.
    public var cancelledBy: String? { cancellation?.cancellationExecution?.cancelledBy }
    /// Why the item was cancelled, or why cancellation was requested. Needs `includedData` CANCELLATION.
    public var cancelReason: String? {
        cancellation?.cancellationExecution?.cancelReason ?? cancellation?.cancellationRequest?.cancelReason
    }
}
