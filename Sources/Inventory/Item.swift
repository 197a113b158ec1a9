/// An inventory item, keyed by the seller's SKU; it holds the master stock of its linked listings (R14).
public struct Item: Sendable, Hashable, Codable {
    public var sku: String
    public var name: String
    /// False for items created automatically from an Amazon listing until the seller confirms them (R13).
    public var confirmed: Bool
    public var fulfillment: Fulfillment

    public init(sku: String, name: String, confirmed: Bool, fulfillment: Fulfillment) {
        self.sku = sku
        self.name = name
        self.confirmed = confirmed
        self.fulfillment = fulfillment
    }
}
