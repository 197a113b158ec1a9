import Testing

@Test func placeholderSellerCentralSandboxTests() { #expect(Bool(true)) }
