import Foundation

/// One package the seller shipped for an Amazon MFN order, with its carrier, tracking and confirmation state (R21).
public struct Shipment: Sendable, Hashable, Codable {
    public typealias ID = Int64
    public var id: ID
    public var orderId: SalesOrder.ID
    public var channel: ChannelName
    public var amazonOrderId: String
    /// Amazon's `packageReferenceId`: 1, 2, … per order.
    public var packageReference: Int
    public var carrier: String
    public var trackingNumber: String
    public var shippedAt: Date
    public var lines: [ShipmentLine]
    public var confirmation: ShipmentConfirmation
    public var attempts: Int
    public var nextAttemptAt: Date?
    /// The last failure, or Amazon's message when it refused the confirmation.
    public var lastError: String?
    public var confirmedAt: Date?

    public init(
        id: ID, orderId: SalesOrder.ID, channel: ChannelName, amazonOrderId: String, packageReference: Int,
        carrier: String, trackingNumber: String, shippedAt: Date, lines: [ShipmentLine],
        confirmation: ShipmentConfirmation, attempts: Int, nextAttemptAt: Date?, lastError: String?, confirmedAt: Date?
    ) {
        self.id = id
        self.orderId = orderId
        self.channel = channel
        self.amazonOrderId = amazonOrderId
        self.packageReference = packageReference
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.shippedAt = shippedAt
        self.lines = lines
        self.confirmation = confirmation
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.confirmedAt = confirmedAt
    }
}
