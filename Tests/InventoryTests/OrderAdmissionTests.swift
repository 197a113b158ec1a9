import Testing
import Inventory

/// R17, R18: which Amazon orders become sales orders, for every mode × status × existence.
struct OrderAdmissionTests {
    @Test(arguments: OrderSyncMode.allCases, OrderStatus.allCases)
    func existingOrdersAreAlwaysUpdated(mode: OrderSyncMode, status: OrderStatus) {
        // R18: later changes (status, cancellation, shipment) update the one order; never deleted.
        #expect(OrderAdmission.decide(mode: mode, status: status, exists: true) == .update)
    }

    @Test(arguments: OrderSyncMode.allCases)
    func confirmedOrdersAreCreatedInEveryMode(mode: OrderSyncMode) {
        // R17: Confirmed = UNSHIPPED or PARTIALLY_SHIPPED.
        #expect(OrderAdmission.decide(mode: mode, status: .unshipped, exists: false) == .create)
        #expect(OrderAdmission.decide(mode: mode, status: .partiallyShipped, exists: false) == .create)
    }

    @Test func shippedOrdersFollowTheMode() {
        // R17: Fulfilled = SHIPPED, only in confirmedAndFulfilled.
        #expect(OrderAdmission.decide(mode: .confirmedAndFulfilled, status: .shipped, exists: false) == .create)
        guard case .skip(let reason) = OrderAdmission.decide(mode: .confirmed, status: .shipped, exists: false) else {
            Issue.record("shipped order created in confirmed mode")
            return
        }
        #expect(reason.contains("confirmed"))
    }

    @Test(arguments: OrderSyncMode.allCases, [OrderStatus.pending, .pendingAvailability, .cancelled, .unfulfillable])
    func pendingAndVoidNewOrdersAreSkipped(mode: OrderSyncMode, status: OrderStatus) {
        // R17: PENDING never created; a cancelled order never seen before is not created.
        guard case .skip(let reason) = OrderAdmission.decide(mode: mode, status: status, exists: false) else {
            Issue.record("\(status) created in \(mode)")
            return
        }
        #expect(!reason.isEmpty)
    }

    @Test func amazonStatusesMap() {
        #expect(OrderStatus(amazon: "UNSHIPPED") == .unshipped)
        #expect(OrderStatus(amazon: "PARTIALLY_SHIPPED") == .partiallyShipped)
        #expect(OrderStatus(amazon: "SHIPPED") == .shipped)
        #expect(OrderStatus(amazon: "CANCELLED") == .cancelled)
        #expect(OrderStatus(amazon: "PENDING") == .pending)
        #expect(OrderStatus(amazon: "PENDING_AVAILABILITY") == .pendingAvailability)
        #expect(OrderStatus(amazon: "UNFULFILLABLE") == .unfulfillable)
        #expect(OrderStatus(amazon: "shipped") == nil)
        #expect(OrderStatus.allCases.filter(\.isClosed) == [.shipped, .cancelled, .unfulfillable])
    }
}
