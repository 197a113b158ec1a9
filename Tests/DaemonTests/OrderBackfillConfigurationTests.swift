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
        try MinimalConfiguration.writeCredentials(in: directory)
    }

    func config(_ line: String) -> String {
        MinimalConfiguration.text(channel: line)
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
