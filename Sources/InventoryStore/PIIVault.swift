import Crypto
import Foundation
import Inventory

/// Seals buyer PII with AES-256-GCM and derives the keyed digests contacts are matched on (R19, R30).
///
/// A sealed blob is `nonce ‖ ciphertext ‖ tag` and is bound to its order by the authenticated data, so a
/// blob moved to another order does not open.
struct PIIVault: Sendable {
    private let sealingKey: SymmetricKey
    /// HMAC-SHA256 keyed with the matching subkey, before any data: each digest starts from a copy of it instead of
    /// keying a new HMAC (hashing the key pads), which was half of the digest's cost in issue 6's ingest profile.
    private let matcher: HMAC<SHA256>

    init(key: VaultKey) {
        let master = SymmetricKey(data: key.bytes)
        // Separate subkeys: the digest key never encrypts, the sealing key never hashes.
        sealingKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master, info: Data("invsync pii seal v1".utf8), outputByteCount: 32)
        let matchingKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master, info: Data("invsync contact match v1".utf8), outputByteCount: 32)
        matcher = HMAC<SHA256>(key: matchingKey)
    }

    static func binding(channel: ChannelName, amazonOrderId: String) -> Data {
        Data("invsync-order:\(channel.rawValue)/\(amazonOrderId)".utf8)
    }

    func seal(_ buyer: BuyerPII, binding: Data) throws(StoreError) -> Data {
        do {
            let plain = BuyerJSON.encode(buyer)
            let box = try AES.GCM.seal(plain, using: sealingKey, authenticating: binding)
            guard let combined = box.combined else { throw StoreError.vaultCorrupt }
            return combined
        } catch {
            throw .vaultCorrupt
        }
    }

    func open(_ sealed: Data, binding: Data) throws(StoreError) -> BuyerPII {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            let plain = try AES.GCM.open(box, using: sealingKey, authenticating: binding)
            return try JSONDecoder().decode(BuyerPII.self, from: plain)
        } catch {
            throw .vaultCorrupt
        }
    }

    /// HMAC-SHA256 of the normalised match key: equal buyers give equal digests, the digest reveals nothing.
    func digest(_ key: ContactMatchKey) -> Data {
        var hmac = matcher  // a value: the copy's state is its own
        hmac.update(data: Array(key.normalized.utf8))
        return Data(hmac.finalize())
    }
}
