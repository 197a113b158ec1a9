/// Parameter and reply types of `io.invsync.Privacy`, matching its IDL field for field.
public enum PrivacyInterface {
    public static let name = "io.invsync.Privacy"

    /// Method names of the interface.
    public enum Method: String, Sendable, CaseIterable {
        case revealBuyer = "RevealBuyer"
        case packageSlip = "PackageSlip"
        case shipmentSlip = "ShipmentSlip"

        /// The fully qualified name a client calls.
        public var qualified: String { "\(PrivacyInterface.name).\(rawValue)" }
    }

    /// Named errors of the interface.
    public enum ErrorName {
        public static let noSuchOrder = "io.invsync.Privacy.NoSuchOrder"
        public static let piiUnavailable = "io.invsync.Privacy.PIIUnavailable"
        public static let permissionDenied = "io.invsync.Privacy.PermissionDenied"
        public static let vaultLocked = "io.invsync.Privacy.VaultLocked"
    }

    public struct Address: Codable, Sendable, Equatable {
        public var name: String?
        public var lines: [String]
        public var city: String?
        public var stateOrRegion: String?
        public var postalCode: String?
        public var countryCode: String?
        public init(
            name: String?, lines: [String], city: String?, stateOrRegion: String?, postalCode: String?,
            countryCode: String?
        ) {
            self.name = name
            self.lines = lines
            self.city = city
            self.stateOrRegion = stateOrRegion
            self.postalCode = postalCode
            self.countryCode = countryCode
        }
    }

    public struct Buyer: Codable, Sendable, Equatable {
        public var name: String?
        public var email: String?
        public var phone: String?
        public var recipient: Address
        public init(name: String?, email: String?, phone: String?, recipient: Address) {
            self.name = name
            self.email = email
            self.phone = phone
            self.recipient = recipient
        }
    }

    public struct SlipLine: Codable, Sendable, Equatable {
        public var sku: String
        public var title: String?
        public var quantity: Int
        public init(sku: String, title: String?, quantity: Int) {
            self.sku = sku
            self.title = title
            self.quantity = quantity
        }
    }

    public struct Slip: Codable, Sendable, Equatable {
        public var order: Int64
        public var channel: String
        public var amazonOrderId: String
        public var purchasedAt: String
        public var shipBy: String?
        public var recipient: Address
        public var lines: [SlipLine]
        public init(
            order: Int64, channel: String, amazonOrderId: String, purchasedAt: String, shipBy: String?,
            recipient: Address, lines: [SlipLine]
        ) {
            self.order = order
            self.channel = channel
            self.amazonOrderId = amazonOrderId
            self.purchasedAt = purchasedAt
            self.shipBy = shipBy
            self.recipient = recipient
            self.lines = lines
        }
    }

    public struct RevealBuyerParameters: Codable, Sendable, Equatable {
        public var order: String
        public var reason: String
        public init(order: String, reason: String) {
            self.order = order
            self.reason = reason
        }
    }

    public struct RevealBuyerReply: Codable, Sendable, Equatable {
        public var buyer: Buyer
        public init(buyer: Buyer) { self.buyer = buyer }
    }

    /// Parameters of PackageSlip and ShipmentSlip.
    public struct SlipParameters: Codable, Sendable, Equatable {
        public var order: String
        public init(order: String) { self.order = order }
    }

    public struct SlipReply: Codable, Sendable, Equatable {
        public var slip: Slip
        public init(slip: Slip) { self.slip = slip }
    }
}
