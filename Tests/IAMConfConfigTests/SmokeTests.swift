import Testing

@Test func IAMConfConfigTestsBuilds() { #expect(Bool(true)) }
