import Foundation
@testable import SellingPartner
import Testing

/// Issue 6 (daemon memory): the ICU-free replacements keep the exact wire forms the DateFormatter and the
/// en_US_POSIX locale produced.
struct DaemonFootprintTests {
    /// x-amz-date: `yyyyMMdd'T'HHmmss'Z'` in UTC, checked against the DateFormatter it replaced, across a year
    /// boundary, a leap day and times whose fractions must be dropped, not rounded.
    @Test(arguments: [0.0, 1_764_230_400.7, 1_767_225_599.999, 1_709_164_800.0, 4_102_444_799.5])
    func amzDateMatchesTheFormatterItReplaced(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let reference = DateFormatter()
        reference.locale = Locale(identifier: "en_US_POSIX")
        reference.timeZone = TimeZone(identifier: "UTC")
        reference.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        #expect(SellingPartnerClient.amzDate(date) == reference.string(from: date))
    }

    /// Amounts parse with "." whatever the process locale, as with en_US_POSIX.
    @Test func amountsParseWithoutALocale() throws {
        let json = Data(#"{"amount": "1234.56", "currencyCode": "USD"}"#.utf8)
        let money = try JSONDecoder().decode(Orders.Money.self, from: json)
        #expect(money.amount == Decimal(string: "1234.56", locale: Locale(identifier: "en_US_POSIX")))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Orders.Money.self, from: Data(#"{"amount": "1,5", "currencyCode": "USD"}"#.utf8)) }
    }
}
