import Foundation

/// Any JSON value, for the schema-less parts of listings and catalog data (attributes, patch values).
///
/// Listings attributes follow per-product-type schemas the client does not know in advance, so they are
/// kept as raw JSON that round-trips unchanged.
public enum ListingsAttributeValue: Codable, Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case array([ListingsAttributeValue])
    case object([String: ListingsAttributeValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Decimal.self) {
            // Decimal keeps quantities and prices exact where Double would round.
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([ListingsAttributeValue].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: ListingsAttributeValue].self) {
            self = .object(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The member `key` of an object, or nil.
    public subscript(key: String) -> ListingsAttributeValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The element at `index` of an array, or nil.
    public subscript(index: Int) -> ListingsAttributeValue? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    /// The text of a string value, or nil.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value of a number that is a whole number, or nil.
    public var intValue: Int? {
        guard case .number(let number) = self, number == number.rounded(0) else { return nil }
        return NSDecimalNumber(decimal: number).intValue
    }

    /// The elements of an array value, or nil.
    public var arrayValue: [ListingsAttributeValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }
}

extension Decimal {
    /// This value rounded to `scale` fractional digits, half away from zero.
    fileprivate func rounded(_ scale: Int) -> Decimal {
        var source = self
        var result = Decimal()
        NSDecimalRound(&result, &source, scale, .plain)
        return result
    }
}

extension ListingsAttributeValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Decimal(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: ListingsAttributeValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, ListingsAttributeValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
