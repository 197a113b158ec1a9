import Foundation
import Varlink

/// One call to the daemon, with failures mapped to `ControlFailure`.
struct ControlConnection {
    let options: ControlOptions

    func call<P: Encodable & Sendable, R: Decodable & Sendable>(_ method: String, _ parameters: P, returning: R.Type) async throws -> R {
        let client: VarlinkClient
        do {
            client = try await VarlinkClient.connect(path: options.socketPath)
        } catch {
            throw ControlFailure.unreachable(socket: options.socketPath, reason: "\(error)")
        }
        let outcome: Result<R, any Error>
        do {
            outcome = .success(try await client.call(method, parameters: parameters, returning: R.self))
        } catch {
            outcome = .failure(error)
        }
        await client.close()
        do {
            return try outcome.get()
        } catch let error as VarlinkError {
            throw ControlFailure.refused(error, json: options.json)
        } catch let error as DecodingError {
            throw ControlFailure.protocolFailure("\(error)")
        } catch {
            throw ControlFailure.unreachable(socket: options.socketPath, reason: "\(error)")
        }
    }

    /// A call with `more`: `each` sees every reply in turn; failures map as for `call`.
    func callMore<P: Encodable & Sendable, R: Decodable & Sendable>(
        _ method: String, _ parameters: P, returning: R.Type, each: (R) throws -> Void
    ) async throws {
        let client: VarlinkClient
        do {
            client = try await VarlinkClient.connect(path: options.socketPath)
        } catch {
            throw ControlFailure.unreachable(socket: options.socketPath, reason: "\(error)")
        }
        var failure: (any Error)?
        do {
            for try await reply in client.callMore(method, parameters: parameters, returning: R.self) { try each(reply) }
        } catch {
            failure = error
        }
        await client.close()
        guard let failure else { return }
        switch failure {
        case let error as VarlinkError: throw ControlFailure.refused(error, json: options.json)
        case let error as DecodingError: throw ControlFailure.protocolFailure("\(error)")
        case let error as ControlFailure: throw error
        default: throw ControlFailure.unreachable(socket: options.socketPath, reason: "\(failure)")
        }
    }
}
