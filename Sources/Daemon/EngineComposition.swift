import CurlTransport
import Foundation
import Inventory
import InventoryStore
import Logging
import SellingPartner
import ServiceLifecycle
import SyncEngine

/// Turns the configuration into the sync engine's environment: one SP-API client per declared channel.
enum EngineComposition {
    /// Reads each channel's secrets and builds its client; all clients share one libcurl transport and one rate limiter
    /// (buckets are per operation and seller, so two channels of one seller share Amazon's limits as Amazon applies them).
    /// A channel whose secrets cannot be read is left out and put in `error` with the reason; the others run.
    static func environment(_ configuration: Configuration, database: AppDatabase, logger: Logger) -> SyncEnvironment {
        let transport = CurlTransport()
        let limiter = RateLimiter()
        var endpoints: [SyncEnvironment.ChannelEndpoint] = []
        for declaration in configuration.channels {
            do {
                endpoints.append(try endpoint(declaration, transport: transport, limiter: limiter, logger: logger))
            } catch {
                logger.error("channel cannot sync: its credentials are unusable", metadata: [
                    "channel": "\(declaration.name)", "error": "\(error)",
                ])
                try? database.setChannelState(channel: declaration.channel.name, state: .error, reason: "\(error)")
            }
        }
        return SyncEnvironment(database: database, channels: endpoints, logger: logger)
    }

    private static func endpoint(_ declaration: Configuration.ChannelSettingsDeclaration, transport: CurlTransport,
                                 limiter: RateLimiter, logger: Logger) throws -> SyncEnvironment.ChannelEndpoint {
        let clientSecret: String
        let refreshToken: String
        do {
            clientSecret = try SecretReader.text(declaration.clientSecret)
            refreshToken = try SecretReader.text(declaration.refreshToken)
        } catch {
            throw StartupError.secret(channel: declaration.name, reason: "\(error)")
        }
        guard let endpoint = URL(string: declaration.endpoint), let tokenEndpoint = URL(string: declaration.tokenEndpoint) else {
            throw StartupError.secret(channel: declaration.name, reason: "endpoint or token_endpoint is not a URL")
        }
        let client = SellingPartnerClient(
            configuration: SellingPartnerConfiguration(
                endpoint: endpoint, tokenEndpoint: tokenEndpoint, clientId: declaration.clientId,
                clientSecret: clientSecret, refreshToken: refreshToken, sellerId: declaration.sellerId,
                marketplaceIds: [declaration.marketplace.marketplaceId], version: DaemonVersion.current),
            transport: transport, limiter: limiter, logger: logger)
        return .init(channel: declaration.channel, client: client, initialLookbackDays: declaration.initialLookbackDays,
                     orderBackfill: declaration.orderBackfill)
    }
}

/// The running engine: the coordinator every sync goes through, and the services that drive it.
struct Engine {
    /// Every sync run goes through it; at a stop it cancels the runs still going.
    let coordinator: SyncCoordinator
    let manual: ManualSync
    let services: [any Service]
    let shipping: ShipmentServices
    /// Amazon's FBA stock for the control methods (R25, R26).
    let fba: FBAStockSync

    /// One scheduler per declared channel (R6; each checks R2 before its cycle), the retry queue (R11), the stock pusher (R16).
    init(environment: SyncEnvironment, organization: Configuration.OrganizationSettings, logger: Logger) {
        let runner = SyncRunner(modules: [
            .orders: OrderSync(environment: environment),
            .items: FBAItemsCycle(items: ItemSync(environment: environment), environment: environment),
        ])
        // Every sync run, whoever asks for it (scheduler, retry queue, manual call), works on the sync executor.
        let coordinator = SyncCoordinator(work: { request in
            await withTaskExecutorPreference(SyncWorkExecutor.shared) { await runner.run(request) }
        })
        let activation = ChannelActivation(
            environment: environment, baseCurrency: organization.baseCurrency, taxesEnabled: organization.taxesEnabled)
        var services: [any Service] = []
        for name in environment.channels.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            services.append(SyncScheduler(
                channel: name, database: environment.database, coordinator: coordinator, clock: environment.clock,
                activate: { channel in
                    if case .activated = await activation.activate(channel) { return true }
                    return false
                },
                logger: logger))
        }
        services.append(RetryQueue(database: environment.database, runner: runner, clock: environment.clock, logger: logger))
        self.coordinator = coordinator
        self.manual = ManualSync(database: environment.database, coordinator: coordinator)
        self.shipping = ShipmentServices(environment: environment)
        // The control path keeps the CPU first: the schedulers and the retry queue (the bulk syncs) run on the
        // lower-priority sync executor. The stock pusher and shipment services stay at normal priority: their latency is a
        // target of its own (R16: AdjustStock to Amazon under 2 s) and their work is small.
        let bulk = services.map { ExecutorPreferringService(service: $0, executor: SyncWorkExecutor.shared) as any Service }
        self.services = bulk + [StockPusher(environment: environment, logger: logger)] + shipping.services
        self.fba = FBAStockSync(environment: environment)
    }
}
