import Foundation
import SellingPartner

/// Sorts a failed SP-API call into "Amazon refused" (needs the operator) or "transient" (retry later), in words.
struct OrderSyncFailure: Sendable, Equatable {
    /// True when Amazon refused the request itself (authorization, 403, 400, 404): retrying alone will not help.
    var refused: Bool
    var reason: String

    init(_ error: any Error) {
        switch error {
        case is CancellationError:
            refused = false
            reason = "the run was stopped with the daemon; the next sync resumes from the last stored page"
        case SellingPartnerError.authorization:
            refused = true
            reason = "\(error)"
        case SellingPartnerError.api(let status, _) where status == 401 || status == 403:
            refused = true
            reason = "\(error). Re-authorize the channel (invsyncctl channel authorize) and check its SP-API roles"
        case SellingPartnerError.api(let status, _) where status == 429 || status >= 500:
            refused = false
            reason = "\(error); it will be retried"
        case SellingPartnerError.api:
            refused = true
            reason = "\(error)"
        case SellingPartnerError.invalidRequest:
            refused = true
            reason = "\(error)"
        case SellingPartnerError.transport, SellingPartnerError.throttled, SellingPartnerError.decoding:
            refused = false
            reason = "\(error); it will be retried"
        default:
            refused = false
            reason = "\(error); it will be retried"
        }
    }

    /// A record failing for this reason goes to the retry queue (R11); a refusal stays failed until a resync.
    var isTransient: Bool { !refused }

    /// Amazon does not know the record (404): retrying cannot bring it.
    static func isNotFound(_ error: any Error) -> Bool {
        if case SellingPartnerError.api(404, _) = error { return true }
        return false
    }
}
