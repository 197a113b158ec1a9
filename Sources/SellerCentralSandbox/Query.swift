import Foundation

/// The query parameters of one request, with SP-API's comma-separated array convention.
struct Query: Sendable {
    let pairs: [(String, String)]

    init(_ raw: String) {
        pairs = raw.split(separator: "&").map { part in
            let kv = part.split(separator: "=", maxSplits: 1)
            let k = String(kv[0]).removingPercentEncoding ?? String(kv[0])
            let v = kv.count > 1 ? (String(kv[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(kv[1])) : ""
            return (k, v)
        }
    }

    func first(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    func list(_ name: String) -> [String] {
        pairs.filter { $0.0 == name }.flatMap { $0.1.split(separator: ",").map(String.init) }.filter { !$0.isEmpty }
    }
}
