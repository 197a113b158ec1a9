import Foundation
import SyncEngine
import Testing

@testable import Daemon

/// The `order_backfill` channel key (issue 7): how the look-back and timeframes fetch their orders.
@Suite struct OrderBackfillConfigurationTests {
    let directory: String
    let parser = ConfigurationParser(environment: [:])

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("invsync-backfill-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "secret".write(toFile: directory + "/client-secret", atomically: true, encoding: .utf8)
        try "Atzr|token".write(toFile: directory + "/refresh-token", atomically: true, encoding: .utf8)
    }

    func config(_ line: String) -> String {
        """
        [organization]
        base_currency = "USD"
        taxes_enabled = true

        [[channel]]
        name = "amazon-us"
        marketplace = "US"
        seller_id = "A2SELLER"
        client_id = "amzn1.application-oa2-client.x"
        client_secret_file = "client-secret"
        refresh_token_file = "refresh-token"
        \(line)
        """
    }

    @Test func defaultsToAutoAndTakesEachPath() throws {
        #expect(try parser.parse(text: config(""), path: directory + "/invsyncd.toml").channels.first?.orderBackfill == .auto)
        for path in OrderBackfillPath.allCases {
            let configuration = try parser.parse(text: config("order_backfill = \"\(path.rawValue)\""), path: directory + "/invsyncd.toml")
            #expect(configuration.channels.first?.orderBackfill == path)
        }
    }

    @Test func anUnknownPathIsNamedWithTheChoices() {
        let problems = parser.check(text: config("order_backfill = \"fast\""), path: directory + "/invsyncd.toml").problems
        #expect(problems.count == 1)
        #expect(problems.first.map { "\($0)" }?.contains("channel[1].order_backfill") == true)
        #expect(problems.first.map { "\($0)" }?.contains("auto, report or search") == true)
    }
}
