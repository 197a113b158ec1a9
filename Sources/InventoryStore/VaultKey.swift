import Foundation

/// The 256-bit key of the PII vault, as raw bytes read from a key file or systemd credential.
public struct VaultKey: Sendable {
    let bytes: [UInt8]

    public static let byteCount = 32

    /// Refuses anything but exactly 32 bytes.
    public init(bytes: some Collection<UInt8>) throws(StoreError) {
        guard bytes.count == VaultKey.byteCount else { throw .invalidVaultKey(byteCount: bytes.count) }
        self.bytes = Array(bytes)
    }
}
