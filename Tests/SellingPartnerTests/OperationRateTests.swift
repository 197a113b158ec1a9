import Foundation
import Testing
@testable import SellingPartner

@Suite struct OperationRateTests {
    /// The client's table must hold exactly the plan each model documents in the operation's description.
    @Test func tableMatchesModelDescriptions() throws {
        let pattern = try NSRegularExpression(pattern: #"\|\s*([0-9.]+)\s*\|\s*([0-9]+)\s*\|"#)
        #expect(OperationRate.table.count == 24)
        for (key, plan) in OperationRate.table {
            let dot = key.firstIndex(of: ".")!
            let model = String(key[..<dot]), operationId = String(key[key.index(after: dot)...])
            let op = try #require(try ModelFixtures.operations(model)[operationId], "\(key) missing from model")
            let description = op["description"] as? String ?? ""
            let match = try #require(pattern.firstMatch(in: description, range: NSRange(description.startIndex..., in: description)), "\(key) has no rate table")
            let rate = Double(description[Range(match.range(at: 1), in: description)!])!
            let burst = Int(description[Range(match.range(at: 2), in: description)!])!
            #expect(plan == OperationRate(rate: rate, burst: burst), "\(key)")
        }
    }
}
