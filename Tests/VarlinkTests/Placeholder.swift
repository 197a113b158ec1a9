import Testing

@Test func placeholderVarlinkTests() { #expect(Bool(true)) }
