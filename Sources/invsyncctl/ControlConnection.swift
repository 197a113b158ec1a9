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
}
