import Foundation
import IAMConfBackend
import IAMConfConfig
import IAMConfCore
import IAMConfEngine
import IAMConfPolicy
import IAMConfQueryAPI
import IAMConfSimulator
import IAMConfState

// The seams to the configuration loader, the state store and the backends.

extension Workspace {
    /// Loads and validates the configuration; warnings go to stderr, errors end the command.
    func loadConfiguration(terminal: Terminal) throws -> Configuration {
        guard FileManager.default.fileExists(atPath: configurationPath) else {
            throw CLIError(
                "no configuration at \(configurationPath)",
                hint: "give a directory of *.yaml files or one .yaml file; see examples/ in the iamconf repository")
        }
        let (configuration, diagnostics) = ConfigurationLoader.load(path: configurationPath)
        if !diagnostics.isEmpty {
            terminal.warn(DiagnosticRenderer().text(diagnostics.sorted()))
        }
        guard let configuration, !diagnostics.hasErrors else {
            throw CLIError("the configuration has errors; nothing was planned", hint: "fix the problems above; `iamconf validate` lists them")
        }
        return configuration
    }


    func makeBackend(_ descriptor: BackendDescriptor, configuration: Configuration?, parallelism: Int) throws -> any Backend {
        switch descriptor.kind {
        case "simulator":
            try SimulatorWorldLock.acquire(directory: simulatorDirectory)
            // Built once: the simulator asks for every attachment of an AWS managed policy, and
            // printing the document each time was a noticeable part of a large apply.
            let managed = Dictionary(
                ManagedPolicyCatalog.shared.policies.map {
                    ($0.arn, AWSManagedPolicyInfo(defaultVersionID: $0.defaultVersionID, document: $0.document.compactText()))
                },
                uniquingKeysWith: { first, _ in first })
            do {
                return try IAMSimulator(
                    directory: URL(fileURLWithPath: simulatorDirectory),
                    awsManagedPolicy: { managed[$0] })
            } catch {
                throw CLIError("cannot open the simulator's world in \(simulatorDirectory): \(error.message)",
                    hint: "the file may be corrupt or from a newer iamconf; move it aside to start an empty world")
            }
        case "endpoint":
            guard let text = descriptor.endpoint, let url = URL(string: text) else {
                throw CLIError(
                    "the endpoint backend needs a URL",
                    hint: "pass --endpoint-url http://127.0.0.1:5000 or set backend.url in the configuration")
            }
            var accessRoles: [String: String] = [:]
            for account in configuration?.accounts ?? [] {
                if let role = account.accessRole { accessRoles[account.id] = role }
            }
            let settings = HTTPBackend.Configuration(
                endpoint: url, region: configuration?.backend?.region ?? "us-east-1", accessRoles: accessRoles,
                parallelism: parallelism)
            do {
                return try HTTPBackend(settings)
            } catch {
                throw CLIError("cannot use the endpoint \(text): \(error.message)")
            }
        default:
            throw CLIError("unknown backend '\(descriptor.kind)'", hint: "use --backend simulator or --backend endpoint")
        }
    }
}

extension Workspace {


    func newState(_ descriptor: BackendDescriptor) -> State {
        State(lineage: UUID().uuidString.lowercased(), serial: 0, backend: descriptor)
    }
}
