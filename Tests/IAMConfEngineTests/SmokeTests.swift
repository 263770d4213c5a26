import Testing

@Test func IAMConfEngineTestsBuilds() { #expect(Bool(true)) }
