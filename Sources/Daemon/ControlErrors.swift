import InvSyncInterface
import InventoryStore
import Varlink

/// Translates the daemon's closed error sets into named Varlink errors, in one place.
enum ControlErrors {
    static func translate<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as VarlinkError {
            throw error
        } catch let error as ConfigurationError {
            throw VarlinkError(
                DaemonInterface.ErrorName.invalidConfiguration,
                parameters: ["problems": .array(error.problems.map { .string("\(error.path): \($0)") })])
        } catch let error as StoreError {
            throw storageFailed(error)
        }
    }

    /// Like `translate(_:)`, but first lets `naming` turn the store errors an interface names (no such
    /// channel, item, …) into that interface's errors; the rest become `StorageFailed`.
    static func translate<T>(naming: (StoreError) -> VarlinkError?, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            if let named = naming(error) { throw named }
            throw storageFailed(error)
        }
    }

    static func storageFailed(_ error: StoreError) -> VarlinkError {
        VarlinkError(DaemonInterface.ErrorName.storageFailed, parameters: ["reason": .string("\(error)")])
    }
}
