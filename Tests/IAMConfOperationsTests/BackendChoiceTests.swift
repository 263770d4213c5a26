import IAMConfCore
import IAMConfOperations
import Testing

/// Which backend a command uses: flags, then the configuration, then what the state records.
@Suite struct BackendChoiceTests {
    let recorded = BackendDescriptor(kind: .endpoint, endpoint: "http://127.0.0.1:5000")

    @Test func theStateDecidesWhenNothingElseSays() {
        let workspace = Workspace(configurationPath: "/nonexistent")
        #expect(workspace.backendDescriptor(nil, recorded: recorded) == recorded)
        #expect(workspace.backendDescriptor(nil, recorded: nil) == .simulator)
    }

    @Test func flagsOverrideTheState() {
        #expect(Workspace(configurationPath: "/x", backendKind: "simulator").backendDescriptor(nil, recorded: recorded) == .simulator)
        let other = Workspace(configurationPath: "/x", endpointURL: "http://other:1")
        #expect(other.backendDescriptor(nil, recorded: recorded) == BackendDescriptor(kind: .endpoint, endpoint: "http://other:1"))
        // `--backend endpoint` alone keeps the recorded URL.
        let kindOnly = Workspace(configurationPath: "/x", backendKind: "endpoint")
        #expect(kindOnly.backendDescriptor(nil, recorded: recorded) == recorded)
    }

    @Test func theConfigurationOverridesTheState() throws {
        var configuration = Configuration()
        configuration.backend = BackendSettings(kind: .simulator)
        #expect(Workspace(configurationPath: "/x").backendDescriptor(configuration, recorded: recorded) == .simulator)
    }
}
