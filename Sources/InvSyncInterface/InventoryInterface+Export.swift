/// Parameter and reply types of `io.invsync.Inventory`'s CloneOrder and ExportOrders (R32), matching its IDL.
extension InventoryInterface {
    public struct CloneOrderParameters: Codable, Sendable, Equatable {
        public var order: String
        public init(order: String) { self.order = order }
    }

    public struct CloneOrderReply: Codable, Sendable, Equatable {
        public var order: SalesOrder
        public init(order: SalesOrder) { self.order = order }
    }

    public struct ExportOrdersParameters: Codable, Sendable, Equatable {
        public var channel: String?
        public var from: String?
        public var to: String?
        public var status: String?
        public init(channel: String? = nil, from: String? = nil, to: String? = nil, status: String? = nil) {
            self.channel = channel
            self.from = from
            self.to = to
            self.status = status
        }
    }

    public struct ExportOrdersReply: Codable, Sendable, Equatable {
        public var csv: String
        public init(csv: String) { self.csv = csv }
    }
}
