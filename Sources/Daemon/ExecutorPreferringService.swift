import ServiceLifecycle

/// Runs another service with a task executor preference (SE-0417), so its work, its child tasks and the actors it calls
/// without an executor of their own run on that executor.
struct ExecutorPreferringService: Service {
    let service: any Service
    let executor: any TaskExecutor

    func run() async throws {
        try await withTaskExecutorPreference(executor) { try await service.run() }
    }
}

extension ExecutorPreferringService: CustomStringConvertible {
    /// The wrapped service's name, so ServiceGroup's log lines name the real service.
    var description: String { String(describing: service) }
}
