import Foundation

/// Builds JSON_LISTINGS_FEED documents (listings-feed-schema-v2): a header and up to 25,000 messages.
public struct ListingsFeed: Codable, Sendable {
    public static let maxMessages = 25_000
    public static let contentType = "application/json; charset=UTF-8"
    public static let feedType = "JSON_LISTINGS_FEED"

    public struct Header: Codable, Sendable {
        public var sellerId: String
        public var version: String
        public var issueLocale: String?
        public init(sellerId: String, issueLocale: String? = nil) {
            self.sellerId = sellerId
            self.version = "2.0"
            self.issueLocale = issueLocale
        }
    }

    /// UPDATE, PARTIAL_UPDATE, PATCH or DELETE.
    public struct OperationType: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let update = Self(rawValue: "UPDATE")
        public static let partialUpdate = Self(rawValue: "PARTIAL_UPDATE")
        public static let patch = Self(rawValue: "PATCH")
        public static let delete = Self(rawValue: "DELETE")
    }

    /// Any JSON value, for attribute data whose shape depends on the product type.
    public enum Value: Codable, Sendable, Equatable {
        case string(String), int(Int), number(Decimal), bool(Bool), array([Value]), object([String: Value]), null

        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let i = try? c.decode(Int.self) { self = .int(i) }
            else if let d = try? c.decode(Decimal.self) { self = .number(d) }
            else if let s = try? c.decode(String.self) { self = .string(s) }
            else if let a = try? c.decode([Value].self) { self = .array(a) }
            else { self = .object(try c.decode([String: Value].self)) }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .string(let s): try c.encode(s)
            case .int(let i): try c.encode(i)
            case .number(let d): try c.encode(d)
            case .bool(let b): try c.encode(b)
            case .array(let a): try c.encode(a)
            case .object(let o): try c.encode(o)
            case .null: try c.encodeNil()
            }
        }
    }

    public struct Patch: Codable, Sendable {
        public var op: String
        public var path: String
        public var value: [[String: Value]]?
        public init(op: String, path: String, value: [[String: Value]]? = nil) {
            self.op = op
            self.path = path
            self.value = value
        }
    }

    public struct Message: Codable, Sendable {
        public var messageId: Int
        public var sku: String
        public var operationType: OperationType
        public var productType: String?
        public var requirements: String?
        public var attributes: [String: Value]?
        public var patches: [Patch]?

        public init(messageId: Int, sku: String, operationType: OperationType, productType: String? = nil,
                    requirements: String? = nil, attributes: [String: Value]? = nil, patches: [Patch]? = nil) {
            self.messageId = messageId
            self.sku = sku
            self.operationType = operationType
            self.productType = productType
            self.requirements = requirements
            self.attributes = attributes
            self.patches = patches
        }
    }

    public var header: Header
    public var messages: [Message]

    public init(header: Header, messages: [Message]) {
        self.header = header
        self.messages = messages
    }

    /// One PATCH message per SKU replacing `/attributes/fulfillment_availability` with the DEFAULT channel's quantity;
    /// messageIds are 1...n in the given order.
    public static func quantityPatches(_ items: [(sku: String, productType: String, quantity: Int)], sellerId: String) -> ListingsFeed {
        let messages = items.enumerated().map { index, item in
            Message(messageId: index + 1, sku: item.sku, operationType: .patch, productType: item.productType, patches: [
                Patch(op: "replace", path: "/attributes/fulfillment_availability",
                      value: [["fulfillment_channel_code": .string("DEFAULT"), "quantity": .int(item.quantity)]]),
            ])
        }
        return ListingsFeed(header: Header(sellerId: sellerId), messages: messages)
    }

    /// The feed document's bytes, after the checks Amazon would otherwise fail the whole feed or a message for.
    public func encoded() throws -> Data {
        guard !messages.isEmpty else { throw SellingPartnerError.invalidRequest("a listings feed needs at least one message") }
        guard messages.count <= Self.maxMessages else { throw DocumentError.tooManyMessages(messages.count) }
        guard !header.sellerId.isEmpty else { throw SellingPartnerError.invalidRequest("the feed header needs the seller id") }
        var seen = Set<Int>()
        for m in messages {
            guard m.messageId >= 1, m.messageId <= Int(Int32.max), seen.insert(m.messageId).inserted else {
                throw SellingPartnerError.invalidRequest("messageId \(m.messageId) is not a unique integer in 1...2147483647")
            }
            guard !m.sku.isEmpty else { throw SellingPartnerError.invalidRequest("message \(m.messageId) has an empty sku") }
        }
        return try RequestEncoder.encode(self)
    }
}
