import Foundation
import Inventory

/// A page's buyer data sealed and digested on a thread of its own while the writer stores the page (R19, R30).
///
/// Sealing (AES-GCM through swift-crypto, which builds a cipher context per call) and the contact digest (HMAC-SHA256)
/// need no database, and were about a sixth of the order ingest's time on the writer (issue 6's profile). Started before
/// the write transaction, this thread is ahead of the writer from the first order (a page's SQL work per order is
/// several times the sealing work), so on a machine with a second core the writer no longer pays for the crypto. On
/// one core the same work is done, in another thread. The thread is started by the caller and so inherits its
/// priority: the daemon's sync threads run at a lower one than its control threads, and so does their sealing.
///
/// The results are made in page order; `sealed(at:)` waits for one that is not made yet. `cancel()` (the page failed
/// or finished) lets the thread stop early: nothing it makes is kept anywhere but here.
final class BuyerDataSealing: @unchecked Sendable {
    /// What the writer stores for one order's buyer data.
    enum Sealed {
        /// The order carries no buyer data (or the vault has no key: the writer refuses such orders itself).
        case nothing
        /// The sealed blob for the vault, bound to the order, and the contact digest when the buyer can be matched.
        case sealed(blob: Data, contactDigest: Data?)
        case failed(StoreError)
    }

    /// Guards everything below; `made` only grows, and `results[..<made]` is final.
    private let condition = NSCondition()
    private var results: [Sealed]
    private var made = 0
    private var cancelled = false

    /// Starts sealing `orders`' buyer data on a new thread, unless none carries any or there is no vault.
    init(orders: [IncomingOrder], channel: ChannelName, vault: PIIVault?) {
        results = Array(repeating: .nothing, count: orders.count)
        guard let vault, orders.contains(where: BuyerDataSealing.carriesBuyerData) else {
            made = orders.count
            return
        }
        let thread = Thread { [self] in seal(orders, channel: channel, vault: vault) }
        thread.start()
    }

    /// Whether the writer stores buyer data for `order` (an empty value is not stored, R30).
    static func carriesBuyerData(_ order: IncomingOrder) -> Bool {
        guard let buyer = order.buyer else { return false }
        return !buyer.isEmpty
    }

    /// The sealed blob and contact digest of the order at `index` of the page, which carries buyer data
    /// (`carriesBuyerData`, with a vault), waiting for them if they are not made yet.
    func sealed(at index: Int) throws(StoreError) -> (blob: Data, contactDigest: Data?) {
        condition.lock()
        while made <= index { condition.wait() }
        let result = results[index]
        condition.unlock()
        switch result {
        case .sealed(let blob, let contactDigest): return (blob, contactDigest)
        case .failed(let error): throw error
        case .nothing: preconditionFailure("order \(index) of the page has no buyer data to seal, or no vault")
        }
    }

    /// Stops the thread after the order it is sealing; call when the page is stored or failed.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.unlock()
    }

    private func seal(_ orders: [IncomingOrder], channel: ChannelName, vault: PIIVault) {
        for (index, order) in orders.enumerated() {
            condition.lock()
            let stop = cancelled
            condition.unlock()
            if stop { return }
            let sealed = BuyerDataSealing.seal(order, channel: channel, vault: vault)
            condition.lock()
            results[index] = sealed
            made = index + 1
            condition.signal()
            condition.unlock()
        }
    }

    static func seal(_ order: IncomingOrder, channel: ChannelName, vault: PIIVault) -> Sealed {
        guard let buyer = order.buyer, !buyer.isEmpty else { return .nothing }
        do {
            let blob = try vault.seal(buyer, binding: PIIVault.binding(channel: channel, amazonOrderId: order.amazonOrderId))
            return .sealed(blob: blob, contactDigest: ContactMatchKey(buyer: buyer).map(vault.digest))
        } catch {
            return .failed(error)
        }
    }
}
