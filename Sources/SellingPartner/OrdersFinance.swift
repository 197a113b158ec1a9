// Transcribed from Amazon's orders_2026-01-01.json model (Apache-2.0); type and property names are the model's.
// Orders 2026-01-01 types of what an order is worth: proceeds, payment and tax.
import Foundation

extension Orders {
    /// The money that the seller receives from the sale of the order. (model `OrderProceeds`)
    public struct OrderProceeds: Codable, Sendable, Equatable {
        /// The total amount that the seller receives from the sale of the order.
        public var grandTotal: Money?
        /// Categorized proceeds for the order.
        public var breakdowns: [OrderProceedsBreakdown]?

        public init(grandTotal: Money? = nil, breakdowns: [OrderProceedsBreakdown]? = nil) {
            self.grandTotal = grandTotal
            self.breakdowns = breakdowns
        }
    }

    /// An entry detailing proceeds information. (model `OrderProceedsBreakdown`)
    public struct OrderProceedsBreakdown: Codable, Sendable, Equatable {
        /// The proceeds category. Possible values: `ITEM`, `SHIPPING`, `GIFT_WRAP`, `COD_FEE`, `TAX`, `DISCOUNT`, `DELIVERY_TIP`, `OTHER`. **Note:** `DELIVERY_TIP` is charged separately and not attributed to a specific item. The remaining categories are aggregated across all order items.
        public var type: String
        /// The processing status of the charge. Possible values: `PENDING`, `FINALIZED`.
        public var status: String?
        /// The monetary amount for the proceeds category.
        public var subtotal: Money

        public init(type: String, status: String? = nil, subtotal: Money) {
            self.type = type
            self.status = status
            self.subtotal = subtotal
        }
    }

    /// Payment information about the order. (model `OrderPayment`)
    public struct OrderPayment: Codable, Sendable, Equatable {
        /// A list of payment executions for the order.
        public var paymentExecutions: [PaymentExecution]?

        public init(paymentExecutions: [PaymentExecution]? = nil) {
            self.paymentExecutions = paymentExecutions
        }
    }

    /// Payment execution details for an order. (model `PaymentExecution`)
    public struct PaymentExecution: Codable, Sendable, Equatable {
        /// The payment method used for this payment execution (for example, CashOnDelivery, ConvenienceStore, CreditCard, Invoice, Pix, and so on).
        public var paymentMethod: String?
        /// The monetary value of the payment execution.
        public var paymentAmount: Money?
        /// The unique identifier of the payment processor or acquiring bank that authorizes the payment.
        public var acquirerId: String?
        /// The card network or brand used in the payment transaction (for example, Visa or Mastercard).
        public var cardBrand: String?
        /// The unique code that confirms the payment authorization.
        public var authorizationCode: String?

        public init(paymentMethod: String? = nil, paymentAmount: Money? = nil, acquirerId: String? = nil, cardBrand: String? = nil, authorizationCode: String? = nil) {
            self.paymentMethod = paymentMethod
            self.paymentAmount = paymentAmount
            self.acquirerId = acquirerId
            self.cardBrand = cardBrand
            self.authorizationCode = authorizationCode
        }
    }

    /// Tax information about the order. (model `OrderTax`)
    public struct OrderTax: Codable, Sendable, Equatable {
        /// A list of tax registrations associated with the order.
        public var taxRegistrations: [OrderTaxRegistration]?
        /// Tax invoicing information for the order.
        public var taxInvoicing: OrderTaxInvoicing?

        public init(taxRegistrations: [OrderTaxRegistration]? = nil, taxInvoicing: OrderTaxInvoicing? = nil) {
            self.taxRegistrations = taxRegistrations
            self.taxInvoicing = taxInvoicing
        }
    }

    /// Tax registration information for an entity associated with the order. (model `OrderTaxRegistration`)
    public struct OrderTaxRegistration: Codable, Sendable, Equatable {
        /// The type of entity that the tax registration belongs to.
        public var entityType: String?
        /// The legal name associated with the tax registration.
        public var legalName: String?
        /// The type of the tax registration number. Possible values: `BUSINESS`, `VAT`, `CST`, `CPF`, `CNPJ`
        public var taxRegistrationType: String?
        /// The tax registration number that identifies the entity for tax purposes.
        public var taxRegistrationNumber: String?
        /// The address associated with the tax registration.
        public var taxRegistrationAddress: CustomerAddress?
        /// Additional attributes related to the tax registration.
        public var taxRegistrationAttributes: [TaxRegistrationAttribute]?

        public init(entityType: String? = nil, legalName: String? = nil, taxRegistrationType: String? = nil, taxRegistrationNumber: String? = nil, taxRegistrationAddress: CustomerAddress? = nil, taxRegistrationAttributes: [TaxRegistrationAttribute]? = nil) {
            self.entityType = entityType
            self.legalName = legalName
            self.taxRegistrationType = taxRegistrationType
            self.taxRegistrationNumber = taxRegistrationNumber
            self.taxRegistrationAddress = taxRegistrationAddress
            self.taxRegistrationAttributes = taxRegistrationAttributes
        }
    }

    /// An additional attribute associated with a tax registration. (model `TaxRegistrationAttribute`)
    public struct TaxRegistrationAttribute: Codable, Sendable, Equatable {
        /// The name of the tax registration attribute. Possible values: `TAX_OFFICE`
        public var key: String?
        /// The value of the tax registration attribute.
        public var value: String?

        public init(key: String? = nil, value: String? = nil) {
            self.key = key
            self.value = value
        }
    }

    /// Tax invoicing information for the order. (model `OrderTaxInvoicing`)
    public struct OrderTaxInvoicing: Codable, Sendable, Equatable {
        /// The buyer's invoicing preference, which indicates whether the seller should issue an individual or a business invoice to the buyer.
        public var buyerInvoicePreference: String?
        /// The status of the invoice.
        public var invoiceStatus: String?

        public init(buyerInvoicePreference: String? = nil, invoiceStatus: String? = nil) {
            self.buyerInvoicePreference = buyerInvoicePreference
            self.invoiceStatus = invoiceStatus
        }
    }
}
