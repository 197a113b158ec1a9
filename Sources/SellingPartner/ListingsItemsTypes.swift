import Foundation

/// Listings Items API 2021-08-01 wire types (`listingsItems_2021-08-01.json`), namespaced against Catalog's same names.
public enum ListingsItems {
    /// `Item`: a listings item with the data sets that were asked for through `includedData`.
    public struct Item: Codable, Sendable {
        public var sku: String
        public var summaries: [ItemSummaryByMarketplace]?
        /// Attribute name → values, shaped by the product type's schema.
        public var attributes: [String: ListingsAttributeValue]?
        public var issues: [Issue]?
        public var offers: [ItemOfferByMarketplace]?
        public var fulfillmentAvailability: [FulfillmentAvailability]?
        public var procurement: [ItemProcurement]?
        public var relationships: [ItemRelationshipsByMarketplace]?
        public var productTypes: [ItemProductTypeByMarketplace]?

        /// The quantity of the first fulfillment availability with this channel code (`DEFAULT` = merchant fulfilled).
        public func quantity(channel: String = FulfillmentAvailability.merchantChannel) -> Int? {
            fulfillmentAvailability?.first { $0.fulfillmentChannelCode == channel }?.quantity
        }
    }

    /// `ItemSummaryByMarketplace`.
    public struct ItemSummaryByMarketplace: Codable, Sendable {
        public var marketplaceId: String
        public var asin: String?
        public var productType: String
        public var conditionType: ConditionType?
        public var status: [ListingStatus]
        public var fnSku: String?
        public var itemName: String?
        public var createdDate: Date
        public var lastUpdatedDate: Date
        public var mainImage: ItemImage?
    }

    /// `ItemImage`.
    public struct ItemImage: Codable, Sendable {
        public var link: String
        public var height: Int
        public var width: Int
    }

    /// `Issue`: a problem Amazon found with a listing or a submission.
    public struct Issue: Codable, Sendable {
        public var code: String
        public var message: String
        public var severity: IssueSeverity
        public var attributeNames: [String]?
        public var categories: [String]
        public var enforcements: IssueEnforcements?
        public var marketplaceIds: [String]?
    }

    /// `IssueEnforcements`.
    public struct IssueEnforcements: Codable, Sendable {
        public var actions: [IssueEnforcementAction]
        public var exemption: IssueExemption
    }

    /// `IssueEnforcementAction`.
    public struct IssueEnforcementAction: Codable, Sendable {
        public var action: String
    }

    /// `IssueExemption`.
    public struct IssueExemption: Codable, Sendable {
        public var status: ExemptionStatus
        public var expiryDate: Date?
    }

    /// `ItemOfferByMarketplace`.
    public struct ItemOfferByMarketplace: Codable, Sendable {
        public var marketplaceId: String
        public var offerType: OfferType
        public var price: Money
        public var points: Points?
        public var audience: Audience?
    }

    /// `Money`: the amount is a decimal string on the wire and a `Decimal` here.
    public struct Money: Codable, Sendable, Hashable {
        public var currencyCode: String
        public var amount: Decimal

        public init(currencyCode: String, amount: Decimal) {
            self.currencyCode = currencyCode
            self.amount = amount
        }

        enum CodingKeys: String, CodingKey { case currencyCode, amount }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            currencyCode = try container.decode(String.self, forKey: .currencyCode)
            amount = try ListingsDecimalString.decode(container, .amount)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(currencyCode, forKey: .currencyCode)
            try container.encode(amount.description, forKey: .amount)
        }
    }

    /// `Points`.
    public struct Points: Codable, Sendable {
        public var pointsNumber: Int
    }

    /// `Audience`.
    public struct Audience: Codable, Sendable {
        public var value: String?
        public var displayName: String?
    }

    /// `FulfillmentAvailability`: the quantity Amazon holds for one fulfillment channel.
    public struct FulfillmentAvailability: Codable, Sendable, Hashable {
        /// The channel code of merchant-fulfilled (MFN) stock.
        public static let merchantChannel = "DEFAULT"
        public var fulfillmentChannelCode: String
        public var quantity: Int?
    }

    /// `ItemProcurement`.
    public struct ItemProcurement: Codable, Sendable {
        public var costPrice: Money
    }

    /// `ItemRelationshipsByMarketplace`.
    public struct ItemRelationshipsByMarketplace: Codable, Sendable {
        public var marketplaceId: String
        public var relationships: [ItemRelationship]
    }

    /// `ItemRelationship`: a variation or package relationship, by SKU.
    public struct ItemRelationship: Codable, Sendable {
        public var childSkus: [String]?
        public var parentSkus: [String]?
        public var variationTheme: ItemVariationTheme?
        public var type: RelationshipType
    }

    /// `ItemVariationTheme`.
    public struct ItemVariationTheme: Codable, Sendable {
        public var attributes: [String]
        public var theme: String
    }

    /// `ItemProductTypeByMarketplace`.
    public struct ItemProductTypeByMarketplace: Codable, Sendable {
        public var marketplaceId: String
        public var productType: String
    }

    /// `ItemIdentifiersByMarketplace`.
    public struct ItemIdentifiersByMarketplace: Codable, Sendable {
        public var marketplaceId: String?
        public var asin: String?
    }

    /// `ItemSearchResults`: one page of searchListingsItems.
    public struct ItemSearchResults: Codable, Sendable {
        public var numberOfResults: Int
        public var pagination: Pagination?
        public var items: [Item]
    }

    /// `Pagination`.
    public struct Pagination: Codable, Sendable {
        public var nextToken: String?
        public var previousToken: String?
    }

    /// `PatchOperation`: one JSON Patch operation of a `ListingsItemPatchRequest`.
    public struct PatchOperation: Codable, Sendable {
        public var op: PatchOp
        public var path: String
        public var value: [ListingsAttributeValue]?

        public init(op: PatchOp, path: String, value: [ListingsAttributeValue]? = nil) {
            self.op = op
            self.path = path
            self.value = value
        }

        /// Sets the merchant-fulfilled (MFN) quantity: the shape the listings feed schema documents,
        /// `replace /attributes/fulfillment_availability [{fulfillment_channel_code: DEFAULT, quantity: N}]`.
        public static func merchantQuantity(_ quantity: Int) -> PatchOperation {
            PatchOperation(op: .replace, path: "/attributes/fulfillment_availability",
                           value: [["fulfillment_channel_code": .string(FulfillmentAvailability.merchantChannel),
                                    "quantity": .number(Decimal(quantity))]])
        }
    }

    /// `ListingsItemPatchRequest`.
    public struct ListingsItemPatchRequest: Codable, Sendable {
        public var productType: String
        public var patches: [PatchOperation]

        public init(productType: String, patches: [PatchOperation]) {
            self.productType = productType
            self.patches = patches
        }

        /// The patch that sets a listing's MFN quantity to `quantity`.
        public static func merchantQuantity(productType: String, quantity: Int) -> ListingsItemPatchRequest {
            ListingsItemPatchRequest(productType: productType, patches: [.merchantQuantity(quantity)])
        }
    }

    /// `ListingsItemSubmissionResponse`.
    public struct ListingsItemSubmissionResponse: Codable, Sendable {
        public var sku: String
        public var status: SubmissionStatus
        public var submissionId: String
        public var issues: [Issue]?
        public var identifiers: [ItemIdentifiersByMarketplace]?
    }

    /// `ItemSummaryByMarketplace.status` values.
    public struct ListingStatus: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let buyable = Self(rawValue: "BUYABLE")
        public static let discoverable = Self(rawValue: "DISCOVERABLE")
    }

    /// `ItemSummaryByMarketplace.conditionType` values (the common ones).
    public struct ConditionType: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let newNew = Self(rawValue: "new_new")
        public static let newOpenBox = Self(rawValue: "new_open_box")
        public static let refurbished = Self(rawValue: "refurbished_refurbished")
        public static let usedLikeNew = Self(rawValue: "used_like_new")
        public static let usedGood = Self(rawValue: "used_good")
    }

    /// `Issue.severity` values.
    public struct IssueSeverity: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let error = Self(rawValue: "ERROR")
        public static let warning = Self(rawValue: "WARNING")
        public static let info = Self(rawValue: "INFO")
    }

    /// `IssueExemption.status` values.
    public struct ExemptionStatus: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let exempt = Self(rawValue: "EXEMPT")
        public static let exemptUntilExpiryDate = Self(rawValue: "EXEMPT_UNTIL_EXPIRY_DATE")
        public static let notExempt = Self(rawValue: "NOT_EXEMPT")
    }

    /// `ItemOfferByMarketplace.offerType` values.
    public struct OfferType: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let b2c = Self(rawValue: "B2C")
        public static let b2b = Self(rawValue: "B2B")
    }

    /// `ItemRelationship.type` values.
    public struct RelationshipType: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let variation = Self(rawValue: "VARIATION")
        public static let packageHierarchy = Self(rawValue: "PACKAGE_HIERARCHY")
    }

    /// `PatchOperation.op` values.
    public struct PatchOp: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let add = Self(rawValue: "add")
        public static let replace = Self(rawValue: "replace")
        public static let merge = Self(rawValue: "merge")
        public static let delete = Self(rawValue: "delete")
    }

    /// `ListingsItemSubmissionResponse.status` values.
    public struct SubmissionStatus: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let accepted = Self(rawValue: "ACCEPTED")
        public static let invalid = Self(rawValue: "INVALID")
        /// Only returned for `mode=VALIDATION_PREVIEW`.
        public static let valid = Self(rawValue: "VALID")
    }
}

/// Reads the model's `Decimal` (a string such as `"100.00"`) into `Decimal` without going through `Double`.
enum ListingsDecimalString {
    static func decode<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> Decimal {
        if let text = try? container.decode(String.self, forKey: key) {
            guard let value = Decimal(string: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not a decimal amount: \(text.prefix(40))")
            }
            return value
        }
        // Tolerate a bare JSON number; anything else fails with the usual keyNotFound/typeMismatch.
        return try container.decode(Decimal.self, forKey: key)
    }
}
