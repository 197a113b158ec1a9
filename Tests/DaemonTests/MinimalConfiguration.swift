import Foundation

/// The smallest configuration the parser accepts with one US channel, for tests that vary a line or two of it.
enum MinimalConfiguration {
    /// Writes the channel's credential files (`client-secret`, `refresh-token`) into `directory`.
    static func writeCredentials(in directory: String) throws {
        try "secret".write(toFile: directory + "/client-secret", atomically: true, encoding: .utf8)
        try "Atzr|token".write(toFile: directory + "/refresh-token", atomically: true, encoding: .utf8)
    }

    /// The file's text; `daemon` and `channel` lines are added to their sections, `organization` replaces its lines.
    static func text(channel: String = "", daemon: String = "", organization: String? = nil) -> String {
        """
        [daemon]
        log_level = "info"
        \(daemon)

        [organization]
        \(organization ?? "base_currency = \"USD\"\ntaxes_enabled = true")

        [[channel]]
        name = "amazon-us"
        marketplace = "US"
        seller_id = "A2SELLER"
        client_id = "amzn1.application-oa2-client.x"
        client_secret_file = "client-secret"
        refresh_token_file = "refresh-token"
        \(channel)
        """
    }
}
