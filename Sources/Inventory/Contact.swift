import Foundation

/// A buyer as a contact of the seller, matched by email, else by name (R19); its PII lives only in the vault.
public struct Contact: Sendable, Hashable, Codable {
    public typealias ID = Int64
    public var id: ID
    public var createdAt: Date

    public init(id: ID, createdAt: Date) {
        self.id = id
        self.createdAt = createdAt
    }
}
