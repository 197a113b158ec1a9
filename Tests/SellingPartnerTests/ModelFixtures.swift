import Foundation

/// Reads Amazon's model files copied into the test bundle's Fixtures folder.
enum ModelFixtures {
    static func model(_ name: String) throws -> [String: Any] {
        let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "json")!
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    /// Every operation object of a model, keyed by operationId.
    static func operations(_ name: String) throws -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        let paths = try model(name)["paths"] as! [String: [String: Any]]
        for (_, methods) in paths {
            for (_, value) in methods {
                if let op = value as? [String: Any], let id = op["operationId"] as? String { result[id] = op }
            }
        }
        return result
    }

    /// The bodies of every `x-amzn-api-sandbox` static response of a 2xx status of one operation.
    static func staticSuccessBodies(_ name: String, operation: String) throws -> [Data] {
        guard let op = try operations(name)[operation], let responses = op["responses"] as? [String: Any] else { return [] }
        var bodies: [Data] = []
        for (status, value) in responses where status.hasPrefix("2") {
            guard let response = value as? [String: Any],
                  let sandbox = response["x-amzn-api-sandbox"] as? [String: Any],
                  let cases = sandbox["static"] as? [[String: Any]] else { continue }
            for entry in cases {
                if let body = entry["response"] {
                    bodies.append(try JSONSerialization.data(withJSONObject: body, options: [.fragmentsAllowed]))
                }
            }
        }
        return bodies
    }
}
