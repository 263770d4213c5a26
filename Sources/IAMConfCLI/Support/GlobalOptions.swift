import ArgumentParser
import Foundation
import IAMConfOperations

/// Options every state-touching command accepts.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "The state: a file (default: iamconf.state.json beside the configuration) or s3://BUCKET/KEY[?endpoint_url=URL&region=R]; also IAMCONF_STATE.")
    var state: String?

    @Flag(name: .long, help: "Plain output without colours (also honoured: the NO_COLOR environment variable).")
    var noColor = false

    @Option(name: .long, help: "Where changes go: simulator (the default, in-process) or endpoint.")
    var backend: BackendKind?

    @Option(name: .long, help: "The IAM-compatible endpoint URL, with --backend endpoint.")
    var endpointURL: String?

    enum BackendKind: String, ExpressibleByArgument, CaseIterable {
        case simulator, endpoint
    }

    /// The workspace of the configuration at `path` (default: the current directory), with these options.
    func workspace(_ path: String?, defaultStatePath: String? = nil) -> Workspace {
        let fromEnvironment = ProcessInfo.processInfo.environment["IAMCONF_STATE"].flatMap { $0.isEmpty ? nil : $0 }
        return Workspace(
            configurationPath: path, statePath: state ?? defaultStatePath ?? fromEnvironment, backendKind: backend?.rawValue, endpointURL: endpointURL)
    }
}
