/// A declared sales channel: one seller account on one marketplace.
public struct Channel: Sendable, Hashable, Codable {
    public var name: ChannelName
    public var marketplace: Marketplace
    public var sellerId: String

    public init(name: ChannelName, marketplace: Marketplace, sellerId: String) {
        self.name = name
        self.marketplace = marketplace
        self.sellerId = sellerId
    }
}
