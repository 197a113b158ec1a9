import Foundation

/// Decodes response bodies and turns decoding failures into errors that name the offending field.
enum ResponseDecoder {
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, operation: String) throws -> T {
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = AmazonTime.decoding
            return try decoder.decode(T.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw SellingPartnerError.decoding(operation: operation, field: path(context.codingPath + [key]), reason: "required field missing")
        } catch let DecodingError.typeMismatch(_, context) {
            throw SellingPartnerError.decoding(operation: operation, field: path(context.codingPath), reason: context.debugDescription)
        } catch let DecodingError.valueNotFound(_, context) {
            throw SellingPartnerError.decoding(operation: operation, field: path(context.codingPath), reason: "required value is null")
        } catch let DecodingError.dataCorrupted(context) {
            throw SellingPartnerError.decoding(operation: operation, field: path(context.codingPath), reason: context.debugDescription)
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "<root>" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
