/// One Amazon seller account in one marketplace (R1), as declared in the configuration.
public struct Channel: Sendable, Hashable {
    public var name: ChannelName
    public var marketplace: Marketplace
    public var sellerId: String

    public init(name: ChannelName, marketplace: Marketplace, sellerId: String) {
        self.name = name
        self.marketplace = marketplace
        self.sellerId = sellerId
    }
}
