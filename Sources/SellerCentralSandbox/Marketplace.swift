/// One Amazon marketplace the sandbox sells in, with the ids and currency Amazon uses for it.
struct Marketplace: Sendable {
    let code: String
    let id: String
    let name: String
    let countryCode: String
    let currency: String
    let domain: String
    let language: String

    static let all: [Marketplace] = [
        Marketplace(code: "US", id: "ATVPDKIKX0DER", name: "Amazon.com", countryCode: "US", currency: "USD", domain: "www.amazon.com", language: "en_US"),
        Marketplace(code: "UK", id: "A1F83G8C2ARO7P", name: "Amazon.co.uk", countryCode: "GB", currency: "GBP", domain: "www.amazon.co.uk", language: "en_GB"),
        Marketplace(code: "IN", id: "A21TJRUUN4KGV", name: "Amazon.in", countryCode: "IN", currency: "INR", domain: "www.amazon.in", language: "en_IN"),
        Marketplace(code: "CA", id: "A2EUQ1WTGCTBG2", name: "Amazon.ca", countryCode: "CA", currency: "CAD", domain: "www.amazon.ca", language: "en_CA"),
        Marketplace(code: "DE", id: "A1PA6795UKMFR9", name: "Amazon.de", countryCode: "DE", currency: "EUR", domain: "www.amazon.de", language: "de_DE"),
    ]

    static func byCode(_ code: String) -> Marketplace? { all.first { $0.code == code.uppercased() || $0.id == code } }
    static func byId(_ id: String) -> Marketplace? { all.first { $0.id == id } }
}
