import Foundation
import Inventory

/// Writes a buyer's data as the JSON that `JSONDecoder` reads back into `BuyerPII`: the plaintext sealed into the vault.
///
/// Hand-written because JSONEncoder's generic path was a tenth of the order ingest (issue 6). The shape is the
/// synthesized Codable one (absent optionals left out), so blobs written before open the same way as new ones.
enum BuyerJSON {
    static func encode(_ buyer: BuyerPII) -> Data {
        var writer = Writer()
        writer.field("buyerName", buyer.buyerName)
        writer.field("buyerEmail", buyer.buyerEmail)
        writer.field("buyerPhone", buyer.buyerPhone)
        writer.field("recipientName", buyer.recipientName)
        writer.field("addressLines", buyer.addressLines)
        writer.field("city", buyer.city)
        writer.field("stateOrRegion", buyer.stateOrRegion)
        writer.field("postalCode", buyer.postalCode)
        writer.field("countryCode", buyer.countryCode)
        writer.bytes.append(UInt8(ascii: "}"))
        return Data(writer.bytes)
    }

    private struct Writer {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        var first = true

        init() { bytes.reserveCapacity(320) }

        mutating func field(_ name: String, _ value: String?) {
            guard let value else { return }
            key(name)
            string(value)
        }

        mutating func field(_ name: String, _ values: [String]) {
            key(name)
            bytes.append(UInt8(ascii: "["))
            for (i, v) in values.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                string(v)
            }
            bytes.append(UInt8(ascii: "]"))
        }

        mutating func key(_ name: String) {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            string(name)
            bytes.append(UInt8(ascii: ":"))
        }

        mutating func string(_ s: String) {
            JSONString.append(s, to: &bytes)
        }
    }
}
