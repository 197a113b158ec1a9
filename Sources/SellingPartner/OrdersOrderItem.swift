// Transcribed from Amazon's orders_2026-01-01.json model (Apache-2.0); type and property names are the model's.
// Orders 2026-01-01 types of one order item: product, quantities, prices, cancellation and fulfillment.
import Foundation

extension Orders {
    /// Information about a single product within an order. (model `OrderItem`)
    public struct OrderItem: Codable, Sendable, Equatable {
        /// A unique identifier for this specific item within the order.
        public var orderItemId: String
        /// The number of units of this item that the customer ordered.
        public var quantityOrdered: Int
        /// The unit of measure and value for items sold by weight, volume, or other measurements rather than simple count.
        public var measurement: Measurement?
        /// A list of order items associated with this item.
        public var associatedOrderItems: [AssociatedOrderItem]?
        /// Special programs that apply specifically to this item within the order. Possible values: `TRANSPARENCY`, `SUBSCRIBE_AND_SAVE`
        public var programs: [String]?
        /// Information about the product being ordered.
        public var product: ItemProduct
        /// The money that the seller receives from the sale of this specific item.
        public var proceeds: ItemProceeds?
        /// The expense information related to this specific item.
        public var expense: ItemExpense?
        /// Details about any discounts, coupons, or promotional offers applied to this item.
        public var promotion: ItemPromotion?
        /// The cancellation information of the order item.
        public var cancellation: ItemCancellation?
        /// Information about how the order item should be processed, packed, and shipped to the customer.
        public var fulfillment: ItemFulfillment?
        /// Tax-related information for this order item.
        public var tax: ItemTax?

        public init(orderItemId: String, quantityOrdered: Int, measurement: Measurement? = nil, associatedOrderItems: [AssociatedOrderItem]? = nil, programs: [String]? = nil, product: ItemProduct, proceeds: ItemProceeds? = nil, expense: ItemExpense? = nil, promotion: ItemPromotion? = nil, cancellation: ItemCancellation? = nil, fulfillment: ItemFulfillment? = nil, tax: ItemTax? = nil) {
            self.orderItemId = orderItemId
            self.quantityOrdered = quantityOrdered
            self.measurement = measurement
            self.associatedOrderItems = associatedOrderItems
            self.programs = programs
            self.product = product
            self.proceeds = proceeds
            self.expense = expense
            self.promotion = promotion
            self.cancellation = cancellation
            self.fulfillment = fulfillment
            self.tax = tax
        }
    }

    /// Specifies the unit of measure and quantity for items that are sold by weight, volume, length, or other measurements rather than simple count. (model `Measurement`)
    public struct Measurement: Codable, Sendable, Equatable {
        /// The specific unit of measurement used to quantify this item. Possible values: `OUNCES`, `POUNDS`, `KILOGRAMS`, `GRAMS`, `MILLIGRAMS`, `INCHES`, `FEET`, `METERS`, `CENTIMETERS`, `MILLIMETERS`, `SQUARE_METERS`, `SQUARE_CENTIMETERS`, `SQUARE_FEET`, `SQUARE_INCHES`, `GALLONS`, `PINTS`, `QUARTS`, `FLUID_OUNCES`, `LITERS`, `CUBIC_METERS`, `CUBIC_FEET`, `CUBIC_INCHES`, `CUBIC_CENTIMETERS`, `COUNT`
        public var unit: String
        /// The numerical quantity or amount being measured in the specified unit.
        public var value: Double

        public init(unit: String, value: Double) {
            self.unit = unit
            self.value = value
        }
    }

    /// An associated order item that a customer has purchased with the product. (model `AssociatedOrderItem`)
    public struct AssociatedOrderItem: Codable, Sendable, Equatable {
        /// The order identifier of the associated order item.
        public var orderId: String?
        /// The order item identifier of the associated order item.
        public var orderItemId: String?
        /// The type of association between the order items.
        public var associationType: String?

        public init(orderId: String? = nil, orderItemId: String? = nil, associationType: String? = nil) {
            self.orderId = orderId
            self.orderItemId = orderItemId
            self.associationType = associationType
        }
    }

    /// Product information for an order item. (model `ItemProduct`)
    public struct ItemProduct: Codable, Sendable, Equatable {
        /// The Amazon Standard Identification Number (ASIN) of the item.
        public var asin: String?
        /// The product name or title as displayed to customers in the marketplace.
        public var title: String?
        /// The item's seller stock keeping unit (SKU).
        public var sellerSku: String?
        /// Information about the physical condition and quality of the item being sold.
        public var condition: ItemCondition?
        /// Pricing information for this product.
        public var price: ItemPrice?
        /// Unique serial numbers for products that require individual tracking, typically provided for FBA orders.
        public var serialNumbers: [String]?
        /// Information about any personalization or customization applied to this product.
        public var customization: ItemCustomization?

        public init(asin: String? = nil, title: String? = nil, sellerSku: String? = nil, condition: ItemCondition? = nil, price: ItemPrice? = nil, serialNumbers: [String]? = nil, customization: ItemCustomization? = nil) {
            self.asin = asin
            self.title = title
            self.sellerSku = sellerSku
            self.condition = condition
            self.price = price
            self.serialNumbers = serialNumbers
            self.customization = customization
        }
    }

    /// Detailed information about the physical condition and quality state of the item being sold. (model `ItemCondition`)
    public struct ItemCondition: Codable, Sendable, Equatable {
        /// The primary condition category that broadly describes the item's state. Possible values: `NEW`, `USED`, `COLLECTIBLE`, `REFURBISHED`, `PREORDER`, `CLUB`.
        public var conditionType: String?
        /// A more specific condition classification that provides additional detail about the item's quality within the main condition type. Possible values: `NEW`, `MINT`, `VERY_GOOD`, `GOOD`, `ACCEPTABLE`, `POOR`, `CLUB`, `OEM`, `WARRANTY`, `REFURBISHED_WARRANTY`, `REFURBISHED`, `OPEN_BOX`, `ANY`, `OTHER`.
        public var conditionSubtype: String?
        /// Additional details provided by the seller to describe the specific condition of this particular item.
        public var conditionNote: String?

        public init(conditionType: String? = nil, conditionSubtype: String? = nil, conditionNote: String? = nil) {
            self.conditionType = conditionType
            self.conditionSubtype = conditionSubtype
            self.conditionNote = conditionNote
        }
    }

    /// Pricing information for the order item. (model `ItemPrice`)
    public struct ItemPrice: Codable, Sendable, Equatable {
        /// The price charged for a single unit of this product, before any quantity-based calculations.
        public var unitPrice: Money?
        /// Indicates that the selling price is a special price that is only available for Amazon Business orders. Possible values: `BUSINESS_PRICE`
        public var priceDesignation: String?

        public init(unitPrice: Money? = nil, priceDesignation: String? = nil) {
            self.unitPrice = unitPrice
            self.priceDesignation = priceDesignation
        }
    }

    /// Information about any personalization, customization, or special modifications applied to this order item. (model `ItemCustomization`)
    public struct ItemCustomization: Codable, Sendable, Equatable {
        /// The URL of the customized data for custom orders from the Amazon Custom program.
        public var customizedUrl: String?

        public init(customizedUrl: String? = nil) {
            self.customizedUrl = customizedUrl
        }
    }

    /// The money that the seller receives from the sale of this specific item. (model `ItemProceeds`)
    public struct ItemProceeds: Codable, Sendable, Equatable {
        /// The total monetary amount for this order item.
        public var proceedsTotal: Money?
        /// The breakdown of proceeds.
        public var breakdowns: [ItemProceedsBreakdown]?

        public init(proceedsTotal: Money? = nil, breakdowns: [ItemProceedsBreakdown]? = nil) {
            self.proceedsTotal = proceedsTotal
            self.breakdowns = breakdowns
        }
    }

    /// Detailed proceeds breakdown for a specific order item. (model `ItemProceedsBreakdown`)
    public struct ItemProceedsBreakdown: Codable, Sendable, Equatable {
        /// Category classification of the proceeds breakdown. Possible values: `ITEM`, `SHIPPING`, `GIFT_WRAP`, `COD_FEE`, `OTHER`, `TAX`, `DISCOUNT`
        public var type: String
        /// Monetary amount for the proceeds breakdown.
        public var subtotal: Money
        /// Further granular breakdown of the subtotal.
        public var detailedBreakdowns: [ItemProceedsDetailedBreakdown]?

        public init(type: String, subtotal: Money, detailedBreakdowns: [ItemProceedsDetailedBreakdown]? = nil) {
            self.type = type
            self.subtotal = subtotal
            self.detailedBreakdowns = detailedBreakdowns
        }
    }

    /// Further granular breakdown of the subtotal of the proceeds breakdown, only available for TAX and DISCOUNT proceeds types. (model `ItemProceedsDetailedBreakdown`)
    public struct ItemProceedsDetailedBreakdown: Codable, Sendable, Equatable {
        /// Specific classification of the further granular breakdown. Possible values: `ITEM`, `SHIPPING`, `GIFT_WRAP`, `COD_FEE`, `OTHER`, `DISCOUNT`
        public var subtype: String?
        /// Monetary amount for the further granular breakdown.
        public var value: Money?

        public init(subtype: String? = nil, value: Money? = nil) {
            self.subtype = subtype
            self.value = value
        }
    }

    /// The expense information related to this specific item. (model `ItemExpense`)
    public struct ItemExpense: Codable, Sendable, Equatable {
        /// The cost of points.
        public var pointsCost: ItemPointsCost?

        public init(pointsCost: ItemPointsCost? = nil) {
            self.pointsCost = pointsCost
        }
    }

    /// Information about Amazon Points granted with the purchase of an item, including both quantity and monetary equivalent value. (model `ItemPointsCost`)
    public struct ItemPointsCost: Codable, Sendable, Equatable {
        /// Details of the Amazon Points granted, including count and monetary value.
        public var pointsGranted: PointsGranted?

        public init(pointsGranted: PointsGranted? = nil) {
            self.pointsGranted = pointsGranted
        }
    }

    /// Information about Amazon Points awarded with an item purchase. (model `PointsGranted`)
    public struct PointsGranted: Codable, Sendable, Equatable {
        /// Total number of Amazon Points granted to the customer's account for this item purchase.
        public var pointsNumber: Int?
        /// Cash equivalent value of the awarded Amazon Points.
        public var pointsMonetaryValue: Money?

        public init(pointsNumber: Int? = nil, pointsMonetaryValue: Money? = nil) {
            self.pointsNumber = pointsNumber
            self.pointsMonetaryValue = pointsMonetaryValue
        }
    }

    /// Details about any discounts, coupons, or promotional offers applied to this item. (model `ItemPromotion`)
    public struct ItemPromotion: Codable, Sendable, Equatable {
        /// A list of promotions applied to the order item.
        public var breakdowns: [ItemPromotionBreakdown]?

        public init(breakdowns: [ItemPromotionBreakdown]? = nil) {
            self.breakdowns = breakdowns
        }
    }

    /// Detailed information about a specific promotional offer applied to an order item. (model `ItemPromotionBreakdown`)
    public struct ItemPromotionBreakdown: Codable, Sendable, Equatable {
        /// Unique identifier for the promotion applied to this item.
        public var promotionId: String?

        public init(promotionId: String? = nil) {
            self.promotionId = promotionId
        }
    }

    /// The cancellation information of the order item. (model `ItemCancellation`)
    public struct ItemCancellation: Codable, Sendable, Equatable {
        /// Details of the cancellation request submitted for this order item.
        public var cancellationRequest: ItemCancellationRequest?
        /// Details of how the cancellation was executed for this order item.
        public var cancellationExecution: ItemCancellationExecution?

        public init(cancellationRequest: ItemCancellationRequest? = nil, cancellationExecution: ItemCancellationExecution? = nil) {
            self.cancellationRequest = cancellationRequest
            self.cancellationExecution = cancellationExecution
        }
    }

    /// Detailed information about a cancellation request submitted for a specific order item. (model `ItemCancellationRequest`)
    public struct ItemCancellationRequest: Codable, Sendable, Equatable {
        /// Entity that initiated the cancellation request for this item. Possible values: `BUYER`
        public var requester: String?
        /// Explanation provided for why the cancellation was requested.
        public var cancelReason: String?

        public init(requester: String? = nil, cancelReason: String? = nil) {
            self.requester = requester
            self.cancelReason = cancelReason
        }
    }

    /// Details of how the cancellation was executed for a specific order item, including who performed the cancellation and the reason. (model `ItemCancellationExecution`)
    public struct ItemCancellationExecution: Codable, Sendable, Equatable {
        /// Entity that executed the cancellation for this item. Possible values: `BUYER`, `MERCHANT`, `AMAZON`
        public var cancelledBy: String?
        /// Explanation provided for why the cancellation was executed.
        public var cancelReason: String?

        public init(cancelledBy: String? = nil, cancelReason: String? = nil) {
            self.cancelledBy = cancelledBy
            self.cancelReason = cancelReason
        }
    }

    /// Information about how the order item should be processed, packed, and shipped to the customer. (model `ItemFulfillment`)
    public struct ItemFulfillment: Codable, Sendable, Equatable {
        /// The number of units of this item that have been successfully processed and shipped.
        public var quantityFulfilled: Int?
        /// The number of units of this item that remain to be processed and shipped.
        public var quantityUnfulfilled: Int?
        /// Information related to the warehouse picking process for this item.
        public var picking: ItemPicking?
        /// Information related to the packaging process for this item.
        public var packing: ItemPacking?
        /// Information related to the shipping and delivery process for this item.
        public var shipping: ItemShipping?

        public init(quantityFulfilled: Int? = nil, quantityUnfulfilled: Int? = nil, picking: ItemPicking? = nil, packing: ItemPacking? = nil, shipping: ItemShipping? = nil) {
            self.quantityFulfilled = quantityFulfilled
            self.quantityUnfulfilled = quantityUnfulfilled
            self.picking = picking
            self.packing = packing
            self.shipping = shipping
        }
    }

    /// Information related to the warehouse picking process for an order item. (model `ItemPicking`)
    public struct ItemPicking: Codable, Sendable, Equatable {
        /// Substitution preference for an order item when it becomes unavailable during fulfillment.
        public var substitutionPreference: ItemSubstitutionPreference?

        public init(substitutionPreference: ItemSubstitutionPreference? = nil) {
            self.substitutionPreference = substitutionPreference
        }
    }

    /// Substitution preference for an order item when it becomes unavailable during fulfillment. (model `ItemSubstitutionPreference`)
    public struct ItemSubstitutionPreference: Codable, Sendable, Equatable {
        /// Source and nature of the substitution preferences for this item. Possible values: `CUSTOMER_PREFERENCE`, `AMAZON_RECOMMENDED`, `DO_NOT_SUBSTITUTE`
        public var substitutionType: String
        /// List of alternative products that can be substituted for the original item if it becomes unavailable.
        public var substitutionOptions: [ItemSubstitutionOption]?

        public init(substitutionType: String, substitutionOptions: [ItemSubstitutionOption]? = nil) {
            self.substitutionType = substitutionType
            self.substitutionOptions = substitutionOptions
        }
    }

    /// Alternative product that can be substituted for an original order item when it becomes unavailable during fulfillment. (model `ItemSubstitutionOption`)
    public struct ItemSubstitutionOption: Codable, Sendable, Equatable {
        /// Amazon Standard Identification Number of the substitute product.
        public var asin: String?
        /// Number of units of the substitute item to be selected if substitution occurs.
        public var quantityOrdered: Int?
        /// The item's seller stock keeping unit (SKU).
        public var sellerSku: String?
        /// Product name or title of the substitute item as displayed to customers.
        public var title: String?
        /// Unit of measure and quantity specifications for the substitute product.
        public var measurement: Measurement?

        public init(asin: String? = nil, quantityOrdered: Int? = nil, sellerSku: String? = nil, title: String? = nil, measurement: Measurement? = nil) {
            self.asin = asin
            self.quantityOrdered = quantityOrdered
            self.sellerSku = sellerSku
            self.title = title
            self.measurement = measurement
        }
    }

    /// Information related to the packaging process for an order item. (model `ItemPacking`)
    public struct ItemPacking: Codable, Sendable, Equatable {
        /// Gift wrapping and messaging specified for this item.
        public var giftOption: GiftOption?
        /// Whether serial numbers must be provided for this line item.
        public var serialNumberRequirement: SerialNumberRequirement?

        public init(giftOption: GiftOption? = nil, serialNumberRequirement: SerialNumberRequirement? = nil) {
            self.giftOption = giftOption
            self.serialNumberRequirement = serialNumberRequirement
        }
    }

    /// Gift wrapping and personalization options selected by the customer for an order item. (model `GiftOption`)
    public struct GiftOption: Codable, Sendable, Equatable {
        /// Personal message from the buyer to be included with the gift-wrapped item.
        public var giftMessage: String?
        /// Type or quality level of gift wrapping service selected by the customer.
        public var giftWrapLevel: String?

        public init(giftMessage: String? = nil, giftWrapLevel: String? = nil) {
            self.giftMessage = giftMessage
            self.giftWrapLevel = giftWrapLevel
        }
    }

    /// Whether serial numbers must be provided for this line item. (model `SerialNumberRequirement`)
    public struct SerialNumberRequirement: Codable, Sendable, Equatable {
        /// The requirement type for this request. Possible values: `REQUIRED`
        public var requirementType: String?

        public init(requirementType: String? = nil) {
            self.requirementType = requirementType
        }
    }

    /// Information related to the shipping and delivery process for an order item. (model `ItemShipping`)
    public struct ItemShipping: Codable, Sendable, Equatable {
        /// When this item is expected to be delivered to the customer.
        public var scheduledDeliveryWindow: DateTimeRange?
        /// Special shipping requirements and restrictions that apply to this item.
        public var shippingConstraints: ItemShippingConstraints?
        /// Additional information needed for cross-border delivery of this item.
        public var internationalShipping: ItemInternationalShipping?

        public init(scheduledDeliveryWindow: DateTimeRange? = nil, shippingConstraints: ItemShippingConstraints? = nil, internationalShipping: ItemInternationalShipping? = nil) {
            self.scheduledDeliveryWindow = scheduledDeliveryWindow
            self.shippingConstraints = shippingConstraints
            self.internationalShipping = internationalShipping
        }
    }

    /// Special shipping requirements and restrictions that must be observed when shipping an order item. (model `ItemShippingConstraints`)
    public struct ItemShippingConstraints: Codable, Sendable, Equatable {
        /// The line item must be delivered by pallet.
        public var palletDelivery: String?
        /// Payment must be collected from the customer at the time of delivery.
        public var cashOnDelivery: String?
        /// The recipient of the line item must sign to confirm its delivery.
        public var signatureConfirmation: String?
        /// The person receiving the line item must be the same as the intended recipient of the order.
        public var recipientIdentityVerification: String?
        /// The carrier must confirm that the recipient is of the legal age to receive the line item upon delivery.
        public var recipientAgeVerification: String?

        public init(palletDelivery: String? = nil, cashOnDelivery: String? = nil, signatureConfirmation: String? = nil, recipientIdentityVerification: String? = nil, recipientAgeVerification: String? = nil) {
            self.palletDelivery = palletDelivery
            self.cashOnDelivery = cashOnDelivery
            self.signatureConfirmation = signatureConfirmation
            self.recipientIdentityVerification = recipientIdentityVerification
            self.recipientAgeVerification = recipientAgeVerification
        }
    }

    /// Additional requirements needed for cross-border shipping of an order item. (model `ItemInternationalShipping`)
    public struct ItemInternationalShipping: Codable, Sendable, Equatable {
        /// Import One-Stop Shop registration number required for EU VAT compliance when shipping from outside the European Union.
        public var iossNumber: String?

        public init(iossNumber: String? = nil) {
            self.iossNumber = iossNumber
        }
    }

    /// Tax information for an order item. (model `ItemTax`)
    public struct ItemTax: Codable, Sendable, Equatable {
        /// A list of tax calculation breakdowns for the order item.
        public var taxCalculationBreakdowns: [ItemTaxCalculationBreakdown]?
        /// A list of tax collections for the order item.
        public var taxCollections: [ItemTaxCollection]?

        public init(taxCalculationBreakdowns: [ItemTaxCalculationBreakdown]? = nil, taxCollections: [ItemTaxCollection]? = nil) {
            self.taxCalculationBreakdowns = taxCalculationBreakdowns
            self.taxCollections = taxCollections
        }
    }

    /// Tax calculation breakdowns for an order item. (model `ItemTaxCalculationBreakdown`)
    public struct ItemTaxCalculationBreakdown: Codable, Sendable, Equatable {
        /// The tax reporting scheme applied to this order item.
        public var reportingScheme: String?

        public init(reportingScheme: String? = nil) {
            self.reportingScheme = reportingScheme
        }
    }

    /// Tax collection information for an order item. (model `ItemTaxCollection`)
    public struct ItemTaxCollection: Codable, Sendable, Equatable {
        /// The tax collection model applied to the item.
        public var model: String?
        /// The party responsible for withholding the taxes and remitting them to the taxing authority.
        public var responsibleParty: String?

        public init(model: String? = nil, responsibleParty: String? = nil) {
            self.model = model
            self.responsibleParty = responsibleParty
        }
    }
}
