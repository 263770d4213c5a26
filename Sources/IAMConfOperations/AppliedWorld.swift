import Foundation
import IAMConfConfig
import IAMConfCore
import IAMConfPolicy
import IAMConfServer
import IAMConfSimulator

// Access questions against what was applied to the simulator (`check --applied`, `test --applied`).

extension Workspace {
    /// The analyzer over the configuration, or over the simulator's applied world (`applied`).
    public func accessAnalyzer(applied: Bool, observer: some OperationObserver) async throws(OperationError) -> AccessAnalyzer {
        guard applied else { return AccessAnalyzer(configuration: try accessConfiguration(observer: observer)) }
        // Local account names make addresses work; the configuration is optional here.
        return try await appliedAnalyzer(configuration: ConfigurationLoader.load(path: configurationPath).configuration)
    }

    /// The configuration access questions read: the YAML, or the simulator's applied world (`applied`).
    public func accessConfiguration(applied: Bool, observer: some OperationObserver) async throws(OperationError) -> Configuration {
        guard applied else { return try accessConfiguration(observer: observer) }
        return try await appliedConfiguration(configuration: ConfigurationLoader.load(path: configurationPath).configuration)
    }

    /// The analyzer over the simulator's world, read without changing it (never flushed).
    public func appliedAnalyzer(configuration: Configuration?) async throws(OperationError) -> AccessAnalyzer {
        let (view, world) = try await appliedWorld(configuration: configuration)
        return AccessAnalyzer(configuration: view, region: configuration?.backend?.region, principalIDs: world.principalIDs)
    }

    /// The simulator's world seen as a configuration (named with the configuration's account names
    /// when there is one), read without changing it: what `check --applied` and `access --applied` ask.
    public func appliedConfiguration(configuration: Configuration?) async throws(OperationError) -> Configuration {
        try await appliedWorld(configuration: configuration).view
    }

    private func appliedWorld(configuration: Configuration?) async throws(OperationError) -> (view: Configuration, world: World) {
        let directory = URL(fileURLWithPath: simulatorDirectory)
        guard FileManager.default.fileExists(atPath: WorldStore(directory: directory).fileURL.path) else {
            throw OperationError(
                "nothing has been applied to the simulator yet (no world in \(simulatorDirectory))",
                hint: "run `iamconf apply` first, or drop --applied to ask the configuration")
        }
        let names = Dictionary((configuration?.accounts ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let world: World
        do {
            let catalog = ManagedPolicyCatalog.shared
            world = try await IAMSimulator(directory: directory, isAWSManagedPolicy: { catalog.contains(arn: $0) }).snapshot
        } catch {
            throw OperationError(
                "cannot read the simulator's world in \(simulatorDirectory): \(error.message)",
                hint: "the file may be corrupt or from a newer iamconf")
        }
        // The organization comes from the world too: the SCPs that were applied, not the YAML's.
        return (world.configurationView(accountNames: names), world)
    }
}
