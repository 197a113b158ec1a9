import Foundation
import InventoryStore
import Systemd

/// Reads the secrets the configuration names (files or systemd credentials) when the daemon starts or reloads.
enum SecretReader {
    enum Failure: Error, CustomStringConvertible {
        case unreadable(source: String, reason: String)
        case empty(source: String)
        case badVaultKey(source: String)

        var description: String {
            switch self {
            case .unreadable(let source, let reason):
                "cannot read the secret from \(source) (\(reason)); check the path and that the daemon may read it"
            case .empty(let source):
                "the secret in \(source) is empty; put the value in it (one line)"
            case .badVaultKey(let source):
                "the vault key in \(source) is not 32 bytes (raw, 64 hex digits or base64); create one with: openssl rand -hex 32 > FILE; chmod 600 FILE"
            }
        }
    }

    /// The secret's bytes; nil when it is a systemd credential that is not there.
    static func bytes(_ source: Configuration.SecretSource) throws(Failure) -> Data? {
        let path: String
        switch source {
        case .file(let file): path = file
        case .credential(let name):
            guard let found = SystemdCredentials.path(named: name) else { return nil }
            path = found
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(source: "\(source)", reason: ConfigurationParser.reason(error))
        }
    }

    /// A text secret (client secret, refresh token), trimmed of surrounding white space.
    static func text(_ source: Configuration.SecretSource) throws(Failure) -> String {
        guard let data = try bytes(source) else { throw .unreadable(source: "\(source)", reason: "no such credential") }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .empty(source: "\(source)") }
        return text
    }

    /// The PII vault key: 32 raw bytes, 64 hex digits or base64 of 32 bytes; nil when no key is configured or passed.
    static func vaultKey(_ source: Configuration.SecretSource) throws(Failure) -> VaultKey? {
        guard let data = try bytes(source) else { return nil }
        let candidates: [[UInt8]] = {
            var found: [[UInt8]] = []
            if data.count == VaultKey.byteCount { found.append(Array(data)) }
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.count == 64, let hex = hexBytes(text) { found.append(hex) }
            if let b64 = Data(base64Encoded: text), b64.count == VaultKey.byteCount { found.append(Array(b64)) }
            return found
        }()
        guard let bytes = candidates.first, let key = try? VaultKey(bytes: bytes) else { throw .badVaultKey(source: "\(source)") }
        return key
    }

    private static func hexBytes(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let high = iterator.next() {
            guard let low = iterator.next(), let h = nibble(high), let l = nibble(low) else { return nil }
            out.append(h << 4 | l)
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
