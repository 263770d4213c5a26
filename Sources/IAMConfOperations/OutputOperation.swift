import IAMConfCore
import IAMConfState

/// One value the backend assigned to an applied resource (`arn`, `unique_id`, `access_key_id`, …)
/// or a secret it created (`secret_access_key`, `password`).
public struct OutputValue: Sendable, Hashable {
    public var name: String
    /// The value; for a secret that was not asked for, the placeholder `(sensitive)`.
    public var value: String
    /// Whether it is a secret: shown only with `--show-secrets`.
    public var isSensitive: Bool

    public init(name: String, value: String, isSensitive: Bool) {
        self.name = name
        self.value = value
        self.isSensitive = isSensitive
    }
}

/// One applied resource's outputs, in name order.
public struct ResourceOutputs: Sendable, Hashable {
    public var address: Address
    public var values: [OutputValue]

    public init(address: Address, values: [OutputValue]) {
        self.address = address
        self.values = values
    }
}

/// What `iamconf output` asked for: every resource's outputs, one resource's, or one value.
public enum OutputSelection: Sendable, Hashable {
    /// Every resource that has outputs, in address order (empty when there is no state).
    case all([ResourceOutputs])
    case resource(ResourceOutputs)
    case value(address: Address, OutputValue)
}

/// `iamconf output [ADDRESS [NAME]]`: the identifiers (and, on request, the secrets) of applied
/// resources, read from the state, for scripts (Terraform's `terraform output`). Writes nothing and
/// talks to no backend: it reports what the last apply recorded.
public struct OutputOperation: Sendable {
    public static let sensitivePlaceholder = "(sensitive)"

    public var workspace: Workspace
    /// An address as printed by `iamconf state list`; nil for every resource.
    public var address: String?
    /// One output of that resource (`arn`); nil for all of them.
    public var name: String?
    /// Include secret values instead of `(sensitive)`. Naming a secret without it is an error, so
    /// a script never mistakes the placeholder for a key.
    public var showsSecrets: Bool

    public init(workspace: Workspace, address: String? = nil, name: String? = nil, showsSecrets: Bool = false) {
        self.workspace = workspace
        self.address = address
        self.name = name
        self.showsSecrets = showsSecrets
    }

    public func run() throws(OperationError) -> OutputSelection {
        let state = try workspace.loadState()
        guard let address else {
            let all = (state?.sortedResources ?? []).map(outputs).filter { !$0.values.isEmpty }
            return .all(all)
        }
        let resource = try workspace.resource(address, in: state)
        let selected = outputs(resource)
        guard let name else { return .resource(selected) }
        guard let value = selected.values.first(where: { $0.name == name }) else {
            let known = selected.values.map(\.name)
            throw OperationError(
                "\(resource.address) has no output '\(name)'",
                hint: known.isEmpty ? "it has no outputs" : "it has: \(known.joined(separator: ", "))")
        }
        if value.isSensitive, !showsSecrets {
            throw OperationError(
                "\(resource.address) \(name) is a secret, and secrets are printed only when asked for",
                hint: "add --show-secrets (it is printed in clear: keep it out of logs)")
        }
        return .value(address: resource.address, value)
    }

    /// The resource's outputs and secrets in name order; secrets hidden unless asked for.
    private func outputs(_ resource: ResourceState) -> ResourceOutputs {
        var values = resource.outputs.map { OutputValue(name: $0.key, value: $0.value, isSensitive: false) }
        for (name, secret) in resource.secrets where resource.outputs[name] == nil {
            values.append(OutputValue(name: name, value: showsSecrets ? secret : Self.sensitivePlaceholder, isSensitive: true))
        }
        return ResourceOutputs(address: resource.address, values: values.sorted { $0.name < $1.name })
    }
}
