import Foundation

/// One listing as Amazon holds it: the seller's SKU in one marketplace, with the quantity Amazon believes.
struct Listing: Sendable {
    var sku: String
    var marketplace: String
    var asin: String
    var title: String
    var productType: String
    var fulfillment: String  // FBA | MFN
    var quantity: Int
    var price: Double
    var parentSku: String?
    var variationTheme: [String]
    var variationValues: [String: String]
    var created: Date
    var updated: Date
    var fbaFulfillable: Int
}

/// One buyer order with its timeline; status is derived from the simulated clock.
struct SandboxOrder: Sendable {
    struct Item: Sendable { var sku: String; var asin: String; var title: String; var quantity: Int; var price: Double }
    var id: String
    var marketplace: String
    var channel: String  // AFN | MFN
    var created: Date
    var unshippedAt: Date
    var shippedAt: Date?
    var cancelledAt: Date?
    var items: [Item]
    var buyerName: String
    var buyerEmail: String
    var address: [String: String]
    /// Set by the admin API: an explicit status that wins over the timeline.
    var forcedStatus: String?
    var forcedAt: Date?
    /// Quantities confirmed shipped per item index (confirmShipment), and when the first part shipped.
    var confirmedShipped: [Int: Int] = [:]
    var partiallyShippedAt: Date?

    /// The order item id Amazon gives item `index`: stable for the order.
    func orderItemId(_ index: Int) -> String {
        String(format: "%014ld", abs(id.hashValueStable &+ index) % 100_000_000_000_000)
    }

    func status(at now: Date) -> String {
        if let forcedStatus, let forcedAt, forcedAt <= now { return forcedStatus }
        if let cancelledAt, cancelledAt <= now { return "CANCELLED" }
        if let shippedAt, shippedAt <= now { return "SHIPPED" }
        if let partiallyShippedAt, partiallyShippedAt <= now { return "PARTIALLY_SHIPPED" }
        if unshippedAt <= now { return "UNSHIPPED" }
        return "PENDING"
    }

    func lastUpdated(at now: Date) -> Date {
        var last = created
        for t in [unshippedAt, partiallyShippedAt, shippedAt, cancelledAt, forcedAt].compactMap({ $0 }) where t <= now && t > last { last = t }
        return last
    }
}

/// Builds the deterministic seed data (listings, variation families, orders, buyers) from `--seed`.
struct SeededWorld {
    static let firstNames = ["Alex", "Sam", "Priya", "Jordan", "Chris", "Maya", "Ravi", "Emma", "Liam", "Noor", "Kai", "Lena"]
    static let lastNames = ["Example", "Sample", "Testperson", "Demo", "Placeholder", "Fictional", "Mock", "Sandbox"]
    static let products = ["T-Shirt", "Mug", "Backpack", "Notebook", "Water Bottle", "Hoodie", "Phone Case", "Lamp", "Sneaker", "Cap"]
    static let variationAxes: [(String, [String])] = [
        ("color", ["Red", "Blue", "Black", "White", "Green"]),
        ("size", ["S", "M", "L", "XL"]),
        ("material", ["Cotton", "Polyester", "Wool"]),
        ("style", ["Classic", "Sport", "Slim"]),
    ]

    static func listings(config: SandboxConfiguration, rng: inout SplitMix64, now: Date) -> [Listing] {
        var result: [Listing] = []
        var n = 0
        let codes = config.marketplaces
        while result.count < config.listings {
            n += 1
            let product = rng.pick(products)
            let fba = rng.unit() < config.fbaShare
            let asinBase = String(format: "B0%07ld", n * 7919 % 10_000_000)
            let mp = codes[n % codes.count]
            let created = now.addingTimeInterval(-Double(rng.int(40...400)) * 86400)
            if rng.unit() < 0.35 {
                // A variation family with 2 to 4 variation attributes.
                let axes = Array(variationAxes.prefix(rng.int(2...4)))
                let parentSku = "FAM-\(n)"
                var children = 0
                let want = rng.int(2...5)
                while children < want && result.count < config.listings {
                    children += 1
                    var values: [String: String] = [:]
                    for (axis, options) in axes { values[axis] = rng.pick(options) }
                    let sku = "\(parentSku)-\(children)"
                    result.append(Listing(
                        sku: sku, marketplace: mp, asin: asinBase + String(children), title: "\(product) \(values.values.sorted().joined(separator: " "))",
                        productType: "PRODUCT", fulfillment: fba ? "FBA" : "MFN", quantity: fba ? 0 : rng.int(0...80), price: Double(rng.int(500...9000)) / 100,
                        parentSku: parentSku, variationTheme: axes.map(\.0), variationValues: values, created: created, updated: created,
                        fbaFulfillable: fba ? rng.int(0...120) : 0))
                }
            } else {
                result.append(Listing(
                    sku: "SKU-\(n)", marketplace: mp, asin: asinBase + "0", title: product, productType: "PRODUCT", fulfillment: fba ? "FBA" : "MFN",
                    quantity: fba ? 0 : rng.int(0...80), price: Double(rng.int(500...9000)) / 100, parentSku: nil, variationTheme: [],
                    variationValues: [:], created: created, updated: created, fbaFulfillable: fba ? rng.int(0...120) : 0))
            }
        }
        return result
    }

    static func order(number: Int, created: Date, listings: [Listing], rng: inout SplitMix64) -> SandboxOrder {
        let first = rng.int(0...(listings.count - 1))
        let lead = listings[first]
        let sameMarket = listings.filter { $0.marketplace == lead.marketplace && $0.fulfillment == lead.fulfillment }
        var items: [SandboxOrder.Item] = []
        for i in 0..<rng.int(1...3) {
            let l = i == 0 ? lead : rng.pick(sameMarket)
            if items.contains(where: { $0.sku == l.sku }) { continue }
            items.append(.init(sku: l.sku, asin: l.asin, title: l.title, quantity: rng.int(1...3), price: l.price))
        }
        let name = "\(rng.pick(firstNames)) \(rng.pick(lastNames))"
        let mp = Marketplace.byCode(lead.marketplace)!
        let id = String(format: "%03ld-%07ld-%07ld", 100 + number % 900, (number * 104_729) % 10_000_000, number)
        let unshipped = created.addingTimeInterval(Double(rng.int(5...60)) * 60)
        var shipped: Date?
        var cancelled: Date?
        let roll = rng.unit()
        if roll < 0.05 {
            cancelled = created.addingTimeInterval(Double(rng.int(1...4)) * 600)
        } else if lead.fulfillment == "FBA" {
            shipped = unshipped.addingTimeInterval(Double(rng.int(2...12)) * 3600)
        } else if roll < 0.85 {
            // Merchant orders older than a day or two were shipped by the seller in the past.
            shipped = unshipped.addingTimeInterval(Double(rng.int(24...60)) * 3600)
        }
        let address = [
            "name": name, "addressLine1": "\(rng.int(1...999)) Example Street", "city": "Sampletown",
            "stateOrRegion": "ST", "postalCode": String(format: "%05ld", rng.int(10000...99999)), "countryCode": mp.countryCode,
        ]
        return SandboxOrder(
            id: id, marketplace: lead.marketplace, channel: lead.fulfillment == "FBA" ? "AFN" : "MFN", created: created,
            unshippedAt: unshipped, shippedAt: shipped, cancelledAt: cancelled, items: items, buyerName: name,
            buyerEmail: "buyer\(number)@example.com", address: address)
    }
}
