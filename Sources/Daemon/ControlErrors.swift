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
            throw VarlinkError(
                DaemonInterface.ErrorName.storageFailed, parameters: ["reason": .string("\(error)")])
        }
    }
}
