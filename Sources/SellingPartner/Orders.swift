import Foundation

/// Namespace of the Orders API 2026-01-01 types, so model names like `Order` or `Money` never clash with other APIs'.
public enum Orders {}

extension Orders {
    /// Where an order stands in fulfillment (model `FulfillmentStatus`); unknown values decode instead of failing.
    public struct FulfillmentStatus: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Pre-order placed, payment not yet authorized, release date in the future.
        public static let pendingAvailability = Self(rawValue: "PENDING_AVAILABILITY")
        /// Placed but not ready for shipment.
        public static let pending = Self(rawValue: "PENDING")
        /// Ready for shipment; nothing shipped yet.
        public static let unshipped = Self(rawValue: "UNSHIPPED")
        /// At least one but not all items shipped.
        public static let partiallyShipped = Self(rawValue: "PARTIALLY_SHIPPED")
        /// Every item shipped.
        public static let shipped = Self(rawValue: "SHIPPED")
        /// Cancelled; will not be fulfilled.
        public static let cancelled = Self(rawValue: "CANCELLED")
        /// Amazon-fulfilled order from outside Amazon's site that cannot be fulfilled.
        public static let unfulfillable = Self(rawValue: "UNFULFILLABLE")
        /// Every value the model lists, in its order.
        public static let allKnown: [Self] = [.pendingAvailability, .pending, .unshipped, .partiallyShipped, .shipped, .cancelled, .unfulfillable]
    }

    /// Who fulfills an order (`OrderFulfillment.fulfilledBy`, query `fulfilledBy`): AFN is `amazon`, MFN is `merchant`.
    public struct FulfilledBy: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Fulfilled by Amazon (AFN / FBA).
        public static let amazon = Self(rawValue: "AMAZON")
        /// Fulfilled by the merchant (MFN / FBM).
        public static let merchant = Self(rawValue: "MERCHANT")
        public static let allKnown: [Self] = [.amazon, .merchant]
    }

    /// A dataset searchOrders/getOrder add to each order (query `includedData`); without any, orders carry only the basics.
    public struct IncludedData: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let buyer = Self(rawValue: "BUYER")
        public static let recipient = Self(rawValue: "RECIPIENT")
        public static let proceeds = Self(rawValue: "PROCEEDS")
        public static let expense = Self(rawValue: "EXPENSE")
        public static let promotion = Self(rawValue: "PROMOTION")
        public static let cancellation = Self(rawValue: "CANCELLATION")
        public static let fulfillment = Self(rawValue: "FULFILLMENT")
        public static let packages = Self(rawValue: "PACKAGES")
        public static let tax = Self(rawValue: "TAX")
        public static let payment = Self(rawValue: "PAYMENT")
        public static let fulfillmentOrders = Self(rawValue: "FULFILLMENT_ORDERS")
        public static let allKnown: [Self] = [.buyer, .recipient, .proceeds, .expense, .promotion, .cancellation,
                                              .fulfillment, .packages, .tax, .payment, .fulfillmentOrders]
    }

    /// An amount in a currency (model `Money`); the model sends the amount as a decimal string, kept exact as `Decimal`
    /// and, for display and storage, as the very text Amazon sent (`19.90` stays `19.90`).
    public struct Money: Codable, Sendable, Equatable {
        public var amount: Decimal
        /// ISO 4217 currency code, e.g. `USD`.
        public var currencyCode: String
        /// The amount as Amazon wrote it (nil when built in code).
        public var amountText: String?

        public init(amount: Decimal, currencyCode: String) {
            self.amount = amount
            self.currencyCode = currencyCode
        }

        /// Equal amounts in the same currency are equal however they were written.
        public static func == (a: Money, b: Money) -> Bool { a.amount == b.amount && a.currencyCode == b.currencyCode }

        enum CodingKeys: String, CodingKey { case amount, currencyCode }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            currencyCode = try container.decode(String.self, forKey: .currencyCode)
            // Parsing the string ourselves avoids the binary-floating detour JSONDecoder takes for numbers.
            let text = try container.decode(String.self, forKey: .amount)
            // No locale: "." is the separator, and ICU locale data stays out of memory (issue 6).
            guard let value = Decimal(string: text),
                  text.allSatisfy({ "0123456789.+-eE".contains($0) }) else {
                throw DecodingError.dataCorruptedError(forKey: .amount, in: container, debugDescription: "not a decimal amount: \(text.prefix(40))")
            }
            amount = value
            amountText = text
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(amountText ?? NSDecimalNumber(decimal: amount).description(withLocale: Locale(identifier: "en_US_POSIX")), forKey: .amount)
            try container.encode(currencyCode, forKey: .currencyCode)
        }
    }
}
