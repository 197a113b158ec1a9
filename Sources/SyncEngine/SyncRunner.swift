import Foundation
import Inventory

/// Hands each sync request to the module that does it; the `work` of the `SyncCoordinator`.
public struct SyncRunner: Sendable {
    private let modules: [SyncModule: any ModuleSync]

    public init(modules: [SyncModule: any ModuleSync]) {
        self.modules = modules
    }

    public func run(_ request: SyncRequest) async -> SyncOutcome {
        guard let module = modules[request.module] else {
            return SyncOutcome(task: nil, status: .failed, synced: 0, failed: 0, reason: "no \(request.module) sync is configured")
        }
        return await module.run(request)
    }

    /// The module that syncs `module`, for the retry queue and resyncs.
    public func module(_ module: SyncModule) -> (any ModuleSync)? { modules[module] }
}
