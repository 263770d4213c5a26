import Testing

@Test func IAMConfSimulatorTestsBuilds() { #expect(Bool(true)) }
