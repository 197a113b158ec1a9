/// One SKU offered on one channel, optionally linked to the inventory item that holds its stock (R13, R14).
public struct Listing: Sendable, Hashable, Codable {
    public var channel: ChannelName
    /// The seller SKU on Amazon, unique per channel.
    public var sku: String
    public var asin: String?
    public var fulfillment: Fulfillment
    /// The SKU of the linked inventory item; nil once unlinked.
    public var itemSku: String?
    /// False until the seller confirms the automatically created item or links the listing (R13).
    public var confirmed: Bool
    /// The parent ASIN or family id of a variation family, if the listing belongs to one (R15).
    public var variationFamily: String?
    public var variationAttributes: [String]
    /// The quantity Amazon last reported or acknowledged.
    public var amazonQuantity: Int?
    /// The quantity we last pushed and Amazon accepted (R16).
    public var pushedQuantity: Int?

    public init(
        channel: ChannelName, sku: String, asin: String?, fulfillment: Fulfillment, itemSku: String?,
        confirmed: Bool, variationFamily: String? = nil, variationAttributes: [String] = [],
        amazonQuantity: Int? = nil, pushedQuantity: Int? = nil
    ) {
        self.channel = channel
        self.sku = sku
        self.asin = asin
        self.fulfillment = fulfillment
        self.itemSku = itemSku
        self.confirmed = confirmed
        self.variationFamily = variationFamily
        self.variationAttributes = variationAttributes
        self.amazonQuantity = amazonQuantity
        self.pushedQuantity = pushedQuantity
    }
}
