import Testing

@Test func placeholderSystemdTests() { #expect(Bool(true)) }
