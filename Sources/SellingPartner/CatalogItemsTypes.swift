import Foundation

/// Catalog Items API 2022-04-01 wire types (`catalogItems_2022-04-01.json`), namespaced against Listings' same names.
public enum CatalogItems {
    /// `Item`: one catalog item with the data sets that were asked for through `includedData`.
    public struct Item: Codable, Sendable {
        public var asin: String
        public var attributes: [String: ListingsAttributeValue]?
        public var identifiers: [ItemIdentifiersByMarketplace]?
        public var productTypes: [ItemProductTypeByMarketplace]?
        public var relationships: [ItemRelationshipsByMarketplace]?
        public var summaries: [ItemSummaryByMarketplace]?

        /// The variation relationship of this item in one marketplace (the first, if several).
        public func variation(marketplaceId: String) -> ItemRelationship? {
            relationships?.first { $0.marketplaceId == marketplaceId }?.relationships.first { $0.type == .variation }
        }

        /// The attributes that define this item's variation family in one marketplace, e.g. `["color", "size"]`;
        /// empty when the item is not in a family. The sync engine counts them for R15.
        public func variationAttributes(marketplaceId: String) -> [String] {
            variation(marketplaceId: marketplaceId)?.variationTheme?.attributes ?? []
        }
    }

    /// `ItemIdentifiersByMarketplace`.
    public struct ItemIdentifiersByMarketplace: Codable, Sendable {
        public var marketplaceId: String
        public var identifiers: [ItemIdentifier]
    }

    /// `ItemIdentifier`.
    public struct ItemIdentifier: Codable, Sendable {
        public var identifierType: String
        public var identifier: String
    }

    /// `ItemProductTypeByMarketplace`.
    public struct ItemProductTypeByMarketplace: Codable, Sendable {
        public var marketplaceId: String?
        public var productType: String?
    }

    /// `ItemRelationshipsByMarketplace`.
    public struct ItemRelationshipsByMarketplace: Codable, Sendable {
        public var marketplaceId: String
        public var relationships: [ItemRelationship]
    }

    /// `ItemRelationship`: a variation (parent or children, by ASIN) or package relationship.
    public struct ItemRelationship: Codable, Sendable {
        public var childAsins: [String]?
        public var parentAsins: [String]?
        public var variationTheme: ItemVariationTheme?
        public var type: RelationshipType
    }

    /// `ItemVariationTheme`: the attributes that tell the family's children apart.
    public struct ItemVariationTheme: Codable, Sendable {
        public var attributes: [String]?
        public var theme: String?
    }

    /// `ItemSummaryByMarketplace` (the fields the product reads).
    public struct ItemSummaryByMarketplace: Codable, Sendable {
        public var marketplaceId: String
        public var brand: String?
        public var color: String?
        public var itemClassification: ItemClassification?
        public var itemName: String?
        public var manufacturer: String?
        public var modelNumber: String?
        public var packageQuantity: Int?
        public var size: String?
        public var style: String?
        public var browseClassification: ItemBrowseClassification?
    }

    /// `ItemBrowseClassification`.
    public struct ItemBrowseClassification: Codable, Sendable {
        public var displayName: String
        public var classificationId: String
    }

    /// `ItemRelationship.type` values.
    public struct RelationshipType: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let variation = Self(rawValue: "VARIATION")
        public static let packageHierarchy = Self(rawValue: "PACKAGE_HIERARCHY")
    }

    /// `ItemSummaryByMarketplace.itemClassification` values.
    public struct ItemClassification: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let baseProduct = Self(rawValue: "BASE_PRODUCT")
        public static let other = Self(rawValue: "OTHER")
        public static let productBundle = Self(rawValue: "PRODUCT_BUNDLE")
        public static let variationParent = Self(rawValue: "VARIATION_PARENT")
    }

    /// `includedData` values of getCatalogItem.
    public struct IncludedData: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let attributes = Self(rawValue: "attributes")
        public static let classifications = Self(rawValue: "classifications")
        public static let dimensions = Self(rawValue: "dimensions")
        public static let identifiers = Self(rawValue: "identifiers")
        public static let images = Self(rawValue: "images")
        public static let productTypes = Self(rawValue: "productTypes")
        public static let relationships = Self(rawValue: "relationships")
        public static let salesRanks = Self(rawValue: "salesRanks")
        public static let summaries = Self(rawValue: "summaries")
        public static let vendorDetails = Self(rawValue: "vendorDetails")
    }
}
