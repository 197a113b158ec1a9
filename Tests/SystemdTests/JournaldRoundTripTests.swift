import Foundation
import Glibc
import Logging
import Testing
@testable import Systemd

/// Sends entries to a real systemd-journald (in a private mount namespace) and reads them back with journalctl.
///
/// The test process cannot enter a namespace, so it re-executes its own test binary inside `unshare` with
/// `INVSYNC_JOURNAL_CHILD=1`, which makes this same test act as the logging child.
@Suite struct JournaldRoundTripTests {
    static let journaldAvailable = getuid() == 0
        && access("/lib/systemd/systemd-journald", X_OK) == 0
        && access("/usr/bin/unshare", X_OK) == 0

    @Test(.enabled(if: journaldAvailable, "needs root, unshare and systemd-journald"))
    func journaldReceivesStructuredFields() throws {
        let environment = ProcessInfo.processInfo.environment
        if environment["INVSYNC_JOURNAL_CHILD"] == "1" {
            logAsChild(identifier: environment["INVSYNC_JOURNAL_ID"] ?? "invsync-test")
            return
        }

        let identifier = "invsync-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("journald-\(identifier)")
        try FileManager.default.createDirectory(at: work.appendingPathComponent("run-log"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let binary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")

        // Everything journald touches is a private tmpfs or our temp dir; the host's journal is never written.
        let script = #"""
            set -eu
            mkdir -p /run/systemd/journal /run/log
            mount -t tmpfs tmpfs /run/systemd/journal
            mount --bind "$WORK/run-log" /run/log
            if [ -d /var/log/journal ]; then mount -t tmpfs tmpfs /var/log/journal; fi
            /lib/systemd/systemd-journald >"$WORK/journald.log" 2>&1 & J=$!
            n=0; while [ ! -S /run/systemd/journal/socket ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n+1)); done
            INVSYNC_JOURNAL_CHILD=1 INVSYNC_JOURNAL_ID="$ID" timeout 60 "$BIN" --testing-library swift-testing \
                --filter journaldReceivesStructuredFields >"$WORK/child.log" 2>&1 || echo "child failed: $?" >&2
            n=0
            until journalctl --no-pager -o json SYSLOG_IDENTIFIER="$ID" | grep -q 'last entry' || [ $n -ge 50 ]; do
                sleep 0.1; n=$((n+1))
            done
            journalctl --no-pager -o json SYSLOG_IDENTIFIER="$ID" >"$WORK/entries.json"
            kill $J; wait $J || true
            """#
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["--mount", "--propagation", "private", "sh", "-c", script]
        process.environment = environment.merging(["WORK": work.path, "ID": identifier, "BIN": binary]) { _, new in new }
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "unshare script failed: \(errorText)")
        #expect(errorText.isEmpty, "\(errorText)")

        let json = (try? String(contentsOf: work.appendingPathComponent("entries.json"), encoding: .utf8)) ?? ""
        let entries = json.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        let child = (try? String(contentsOf: work.appendingPathComponent("child.log"), encoding: .utf8)) ?? ""
        try #require(entries.count == 3, "entries: \(json)\nchild: \(child)")

        let first = entries[0]
        #expect(first["MESSAGE"] as? String == "Listing pushed")
        #expect(first["PRIORITY"] as? String == "4")
        #expect(first["SYSLOG_IDENTIFIER"] as? String == identifier)
        #expect(first["CHANNEL"] as? String == "amazon-us")
        #expect(first["TASK"] as? String == "reconcile")
        #expect(first["SPAPI_OPERATION"] as? String == "patchListingsItem")
        #expect(first["ATTEMPT"] as? String == "3")
        #expect(first["META__HIDDEN"] as? String == "underscore")
        #expect(first["CODE_FUNC"] as? String == "logAsChild(identifier:)")
        #expect((first["CODE_FILE"] as? String)?.hasSuffix("JournaldRoundTripTests.swift") == true)
        #expect(Int(first["CODE_LINE"] as? String ?? "") != nil)

        let second = entries[1]
        #expect(second["PRIORITY"] as? String == "3")
        #expect(second["MESSAGE"] as? String == "Order failed")
        #expect(second["DETAILS"] as? String == #"["a", "b"]"#)
        #expect(second["NOTE"] as? String == "line1\nline2")

        let third = entries[2]
        #expect(third["PRIORITY"] as? String == "7")
        #expect(third["MESSAGE"] as? String == "last entry")
    }

    /// Runs in the re-executed child, inside the namespace where journald listens.
    private func logAsChild(identifier: String) {
        var logger = Logger(label: "child") { JournalLogHandler(label: $0, identifier: identifier, destination: .journal) }
        logger.logLevel = .debug
        logger[metadataKey: "channel"] = "amazon-us"
        logger.warning("Listing pushed", metadata: [
            "task": "reconcile", "spapi.operation": "patchListingsItem", "attempt": .stringConvertible(3),
            "_hidden": "underscore",
        ])
        logger.error("Order failed", metadata: ["details": ["a", "b"], "note": "line1\nline2"])
        logger.debug("last entry")
    }
}
