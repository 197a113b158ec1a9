/// A listing as Amazon reports it, mapped at the SP-API edge, before the store decides what it becomes.
public struct IncomingListing: Sendable, Hashable, Codable {
    public var sku: String
    public var asin: String?
    /// The product title; names the item created for an unknown SKU (R13).
    public var title: String?
    public var fulfillment: Fulfillment
    public var variationFamily: String?
    public var variationAttributes: [String]
    public var amazonQuantity: Int?

    public init(
        sku: String, asin: String? = nil, title: String? = nil, fulfillment: Fulfillment = .mfn,
        variationFamily: String? = nil, variationAttributes: [String] = [], amazonQuantity: Int? = nil
    ) {
        self.sku = sku
        self.asin = asin
        self.title = title
        self.fulfillment = fulfillment
        self.variationFamily = variationFamily
        self.variationAttributes = variationAttributes
        self.amazonQuantity = amazonQuantity
    }
}
