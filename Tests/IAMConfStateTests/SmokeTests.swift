import Testing

@Test func IAMConfStateTestsBuilds() { #expect(Bool(true)) }
