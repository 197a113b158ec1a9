// Transcribed from Amazon's orders_2026-01-01.json model (Apache-2.0); type and property names are the model's.
// Orders 2026-01-01 types of the recipient: delivery address and delivery preferences.
import Foundation

extension Orders {
    /// Information about the recipient to whom the order should be delivered. (model `Recipient`)
    public struct Recipient: Codable, Sendable, Equatable {
        /// The address where the order should be delivered to the customer.
        public var deliveryAddress: CustomerAddress?
        /// Special instructions and preferences that the customer specifies for how the order should be delivered.
        public var deliveryPreference: DeliveryPreference?

        public init(deliveryAddress: CustomerAddress? = nil, deliveryPreference: DeliveryPreference? = nil) {
            self.deliveryAddress = deliveryAddress
            self.deliveryPreference = deliveryPreference
        }
    }

    /// Contains all delivery instructions that the customer provides for the shipping address. (model `DeliveryPreference`)
    public struct DeliveryPreference: Codable, Sendable, Equatable {
        /// The drop-off location selected by the customer.
        public var dropOffLocation: String?
        /// Building instructions, nearby landmark, or navigation instructions.
        public var addressInstruction: String?
        /// Business hours and days when the delivery is preferred.
        public var deliveryTime: PreferredDeliveryTime?
        /// A list of miscellaneous delivery capabilities associated with the shipping address.
        public var deliveryCapabilities: [String]?

        public init(dropOffLocation: String? = nil, addressInstruction: String? = nil, deliveryTime: PreferredDeliveryTime? = nil, deliveryCapabilities: [String]? = nil) {
            self.dropOffLocation = dropOffLocation
            self.addressInstruction = addressInstruction
            self.deliveryTime = deliveryTime
            self.deliveryCapabilities = deliveryCapabilities
        }
    }

    /// The physical address of the customer. (model `CustomerAddress`)
    public struct CustomerAddress: Codable, Sendable, Equatable {
        /// The full name of the person who will receive the delivery at this address.
        public var name: String?
        /// The name of the business or organization at this address.
        public var companyName: String?
        /// The primary street address.
        public var addressLine1: String?
        /// Additional address information.
        public var addressLine2: String?
        /// Additional address information.
        public var addressLine3: String?
        /// The city of the address.
        public var city: String?
        /// The district or county of the address.
        public var districtOrCounty: String?
        /// The state, province, or region of the address.
        public var stateOrRegion: String?
        /// The municipality of the address.
        public var municipality: String?
        /// The postal code, ZIP code, or equivalent mailing code of the address.
        public var postalCode: String?
        /// The two-letter country code identifying the country of the address, in ISO 3166-1 format.
        public var countryCode: String?
        /// The contact phone number for delivery coordination and customer communication.
        public var phone: String?
        /// Additional address components specific to certain countries that provide more detailed location information.
        public var extendedFields: AddressExtendedFields?
        /// The type of location. Possible values: `RESIDENTIAL`, `COMMERCIAL`, `PICKUP_POINT`
        public var addressType: String?

        public init(name: String? = nil, companyName: String? = nil, addressLine1: String? = nil, addressLine2: String? = nil, addressLine3: String? = nil, city: String? = nil, districtOrCounty: String? = nil, stateOrRegion: String? = nil, municipality: String? = nil, postalCode: String? = nil, countryCode: String? = nil, phone: String? = nil, extendedFields: AddressExtendedFields? = nil, addressType: String? = nil) {
            self.name = name
            self.companyName = companyName
            self.addressLine1 = addressLine1
            self.addressLine2 = addressLine2
            self.addressLine3 = addressLine3
            self.city = city
            self.districtOrCounty = districtOrCounty
            self.stateOrRegion = stateOrRegion
            self.municipality = municipality
            self.postalCode = postalCode
            self.countryCode = countryCode
            self.phone = phone
            self.extendedFields = extendedFields
            self.addressType = addressType
        }
    }

    /// Additional address components that provide more detailed location information, helping with precise delivery routing. (model `AddressExtendedFields`)
    public struct AddressExtendedFields: Codable, Sendable, Equatable {
        /// The name of the street.
        public var streetName: String?
        /// The house, building, or property number associated with the location's street address.
        public var streetNumber: String?
        /// The floor number / unit number.
        public var complement: String?
        /// The neighborhood.
        public var neighborhood: String?

        public init(streetName: String? = nil, streetNumber: String? = nil, complement: String? = nil, neighborhood: String? = nil) {
            self.streetName = streetName
            self.streetNumber = streetNumber
            self.complement = complement
            self.neighborhood = neighborhood
        }
    }

    /// The physical address of the merchant. (model `MerchantAddress`)
    public struct MerchantAddress: Codable, Sendable, Equatable {
        /// The name of the business or facility at this address.
        public var name: String?
        /// The primary street address of the merchant's location.
        public var addressLine1: String?
        /// Additional address information.
        public var addressLine2: String?
        /// Additional address information.
        public var addressLine3: String?
        /// The city of the address.
        public var city: String?
        /// The district or county of the address.
        public var districtOrCounty: String?
        /// The state, province, or region of the address.
        public var stateOrRegion: String?
        /// The municipality of the address.
        public var municipality: String?
        /// The postal code or ZIP code of the address.
        public var postalCode: String?
        /// The two-letter country code for the address, in ISO 3166-1 format.
        public var countryCode: String?

        public init(name: String? = nil, addressLine1: String? = nil, addressLine2: String? = nil, addressLine3: String? = nil, city: String? = nil, districtOrCounty: String? = nil, stateOrRegion: String? = nil, municipality: String? = nil, postalCode: String? = nil, countryCode: String? = nil) {
            self.name = name
            self.addressLine1 = addressLine1
            self.addressLine2 = addressLine2
            self.addressLine3 = addressLine3
            self.city = city
            self.districtOrCounty = districtOrCounty
            self.stateOrRegion = stateOrRegion
            self.municipality = municipality
            self.postalCode = postalCode
            self.countryCode = countryCode
        }
    }

    /// Customer-specified time preferences for when deliveries should be attempted at the destination address. (model `PreferredDeliveryTime`)
    public struct PreferredDeliveryTime: Codable, Sendable, Equatable {
        /// Business hours when the business is open for deliveries.
        public var businessHours: [BusinessHour]?
        /// Specific dates within the next 30 days when normal business hours do not apply.
        public var exceptionDates: [ExceptionDate]?

        public init(businessHours: [BusinessHour]? = nil, exceptionDates: [ExceptionDate]? = nil) {
            self.businessHours = businessHours
            self.exceptionDates = exceptionDates
        }
    }

    /// Business days and hours when the destination is open for deliveries. (model `BusinessHour`)
    public struct BusinessHour: Codable, Sendable, Equatable {
        /// Specific day of the week for which operating hours are being defined. Possible values: `SUN`, `MON`, `TUE`, `WED`, `THU`, `FRI`, `SAT`
        public var dayOfWeek: String?
        /// Collection of time windows during which the location is available for deliveries on the specified day.
        public var timeWindows: [TimeWindow]?

        public init(dayOfWeek: String? = nil, timeWindows: [TimeWindow]? = nil) {
            self.dayOfWeek = dayOfWeek
            self.timeWindows = timeWindows
        }
    }

    /// Special dates when normal business hours are modified or suspended, requiring different delivery scheduling. (model `ExceptionDate`)
    public struct ExceptionDate: Codable, Sendable, Equatable {
        /// Specific calendar date when normal operating hours do not apply.
        public var exceptionDate: String?
        /// Operational status of the business on the specified exception date. Possible values: `CLOSED`, `OPEN`
        public var exceptionDateType: String?
        /// Alternative operating hours that apply specifically to this exception date.
        public var timeWindows: [TimeWindow]?

        public init(exceptionDate: String? = nil, exceptionDateType: String? = nil, timeWindows: [TimeWindow]? = nil) {
            self.exceptionDate = exceptionDate
            self.exceptionDateType = exceptionDateType
            self.timeWindows = timeWindows
        }
    }

    /// Specific time interval defining the start and end times. (model `TimeWindow`)
    public struct TimeWindow: Codable, Sendable, Equatable {
        /// The beginning of the time window.
        public var startTime: HourMinute?
        /// The end of the time window.
        public var endTime: HourMinute?

        public init(startTime: HourMinute? = nil, endTime: HourMinute? = nil) {
            self.startTime = startTime
            self.endTime = endTime
        }
    }

    /// The time when the business opens or closes. (model `HourMinute`)
    public struct HourMinute: Codable, Sendable, Equatable {
        /// The hour when the business opens or closes, in 24-hour format (0-23).
        public var hour: Int?
        /// The minute when the business opens or closes.
        public var minute: Int?

        public init(hour: Int? = nil, minute: Int? = nil) {
            self.hour = hour
            self.minute = minute
        }
    }
}
