/// How many units of one order line go in a shipment: the Amazon `orderItemId` (or local line number) and a quantity.
public struct ShipmentLine: Sendable, Hashable, Codable {
    public var lineId: String
    public var quantity: Int

    public init(lineId: String, quantity: Int) {
        self.lineId = lineId
        self.quantity = quantity
    }
}
