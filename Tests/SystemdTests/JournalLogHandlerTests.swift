import Foundation
import Glibc
import Logging
import Testing
@testable import Systemd

/// Collects what the process writes to fd 2 while `body` runs, through a real pipe.
func capturingStandardError(_ body: () -> Void) throws -> String {
    var ends: [Int32] = [0, 0]
    try #require(pipe(&ends) == 0)
    let saved = dup(STDERR_FILENO)
    dup2(ends[1], STDERR_FILENO)
    close(ends[1])
    body()
    dup2(saved, STDERR_FILENO)
    close(saved)
    var output = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = read(ends[0], &chunk, chunk.count)
        if count <= 0 { break }
        output.append(contentsOf: chunk[..<count])
    }
    close(ends[0])
    return String(decoding: output, as: UTF8.self)
}

extension ProcessEnvironmentTests {
    @Test func standardErrorLinesCarryLevelLabelMessageAndSortedQuotedMetadata() throws {
        let label = "test.format.\(getpid())"
        var logger = Logger(label: label) { JournalLogHandler(label: $0, identifier: "invsyncd", destination: .standardError) }
        logger[metadataKey: "channel"] = "amazon-us"
        logger.logLevel = .trace
        let output = try capturingStandardError {
            logger.info("Listing pushed", metadata: ["spapi.operation": "patchListingsItem", "note": "two words", "empty": ""])
            logger.error("Multi\nline", metadata: ["quote": "say \"hi\""])
        }
        let lines = output.split(separator: "\n").map(String.init).filter { $0.contains(label) }
        #expect(lines == [
            "info \(label): Listing pushed channel=amazon-us empty=\"\" note=\"two words\" spapi.operation=patchListingsItem",
            "error \(label): Multi\\nline channel=amazon-us quote=\"say \\\"hi\\\"\"",
        ])
    }

    @Test func journalDestinationFallsBackToPriorityPrefixedStderrWhenJournaldIsUnreachable() throws {
        // Only meaningful where no journald listens (the CI machines: systemd is not PID 1).
        guard access("/run/systemd/journal/socket", F_OK) != 0 else { return }
        let label = "test.fallback.\(getpid())"
        let logger = Logger(label: label) { JournalLogHandler(label: $0, identifier: "invsyncd", destination: .journal) }
        let output = try capturingStandardError {
            logger.warning("Rate limited", metadata: ["task": "reconcile"])
        }
        let lines = output.split(separator: "\n").filter { $0.contains(label) }
        #expect(lines == ["<4>warning \(label): Rate limited task=reconcile"])
    }

    @Test func automaticDestinationUsesJournalOnlyWhenJournalStreamNamesStderr() throws {
        var info = stat()
        try #require(fstat(STDERR_FILENO, &info) == 0)
        let journal: JournalStream.Resolved =
            access(JournalStream.socketPath, F_OK) == 0 ? .journal : .prefixedStandardError
        setenv("JOURNAL_STREAM", "\(info.st_dev):\(info.st_ino)", 1)
        defer { unsetenv("JOURNAL_STREAM") }
        #expect(JournalStream.resolve(.automatic) == journal)
        setenv("JOURNAL_STREAM", "\(info.st_dev):\(info.st_ino &+ 1)", 1)
        #expect(JournalStream.resolve(.automatic) == .standardError)
        unsetenv("JOURNAL_STREAM")
        #expect(JournalStream.resolve(.automatic) == .standardError)
        #expect(JournalStream.resolve(.journal) == journal)
        #expect(JournalStream.resolve(.standardError) == .standardError)
    }

    @Test func sharedLogLevelChangesEveryLoggerThatDidNotSetItsOwn() {
        let before = JournalLogHandler.currentLogLevel
        defer { JournalLogHandler.setLogLevel(before) }
        let follower = Logger(label: "a") { JournalLogHandler(label: $0, identifier: "x", destination: .standardError) }
        var pinned = Logger(label: "b") { JournalLogHandler(label: $0, identifier: "x", destination: .standardError) }
        pinned.logLevel = .error
        JournalLogHandler.setLogLevel(.debug)
        #expect(JournalLogHandler.currentLogLevel == .debug)
        #expect(follower.logLevel == .debug)
        #expect(pinned.logLevel == .error)
        JournalLogHandler.setLogLevel(.warning)
        #expect(follower.logLevel == .warning)
    }
}

@Suite struct JournalStreamDetectionTests {
    @Test func journalStreamMatchesOnlyTheDescriptorItNames() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        var info = stat()
        try #require(fstat(ends[1], &info) == 0)
        #expect(JournalStream.isJournal(descriptor: ends[1], announced: "\(info.st_dev):\(info.st_ino)"))
        #expect(!JournalStream.isJournal(descriptor: ends[1], announced: "\(info.st_dev):\(info.st_ino &+ 1)"))
        #expect(!JournalStream.isJournal(descriptor: ends[1], announced: "\(info.st_dev &+ 1):\(info.st_ino)"))
        #expect(!JournalStream.isJournal(descriptor: ends[1], announced: "garbage"))
        #expect(!JournalStream.isJournal(descriptor: ends[1], announced: "1:2:3"))
        #expect(!JournalStream.isJournal(descriptor: ends[1], announced: ""))
        #expect(!JournalStream.isJournal(descriptor: ends[1], announced: nil))
        #expect(!JournalStream.isJournal(descriptor: -1, announced: "\(info.st_dev):\(info.st_ino)"))
    }

    @Test func metadataKeysBecomeValidJournalFieldNames() {
        #expect(JournalFieldName.from(metadataKey: "channel") == "CHANNEL")
        #expect(JournalFieldName.from(metadataKey: "spapi.operation") == "SPAPI_OPERATION")
        #expect(JournalFieldName.from(metadataKey: "retry-after") == "RETRY_AFTER")
        #expect(JournalFieldName.from(metadataKey: "_PID") == "META__PID")
        #expect(JournalFieldName.from(metadataKey: "9lives") == "META_9LIVES")
        #expect(JournalFieldName.from(metadataKey: "") == "META_")
        #expect(JournalFieldName.from(metadataKey: "message") == "META_MESSAGE")
        #expect(JournalFieldName.from(metadataKey: "préférence") == "PR__F__RENCE")
        #expect(JournalFieldName.from(metadataKey: String(repeating: "k", count: 100)).utf8.count == 64)
    }
}
