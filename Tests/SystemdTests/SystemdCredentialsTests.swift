import Foundation
import Testing
@testable import Systemd

extension ProcessEnvironmentTests {
    @Test func credentialsAreFoundInCredentialsDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("credentials-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("secret".utf8).write(to: directory.appendingPathComponent("lwa-client-secret"))
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("a-directory"), withIntermediateDirectories: true)

        setenv("CREDENTIALS_DIRECTORY", directory.path, 1)
        defer { unsetenv("CREDENTIALS_DIRECTORY") }
        let path = try #require(SystemdCredentials.path(named: "lwa-client-secret"))
        #expect(path == directory.appendingPathComponent("lwa-client-secret").path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "secret")
        #expect(SystemdCredentials.path(named: "refresh-token-amazon-us") == nil)
        #expect(SystemdCredentials.path(named: "a-directory") == nil)
        #expect(SystemdCredentials.path(named: "../\(directory.lastPathComponent)/lwa-client-secret") == nil)

        unsetenv("CREDENTIALS_DIRECTORY")
        #expect(SystemdCredentials.path(named: "lwa-client-secret") == nil)
    }
}
