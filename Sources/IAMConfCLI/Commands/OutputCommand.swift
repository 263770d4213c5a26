import ArgumentParser
import IAMConfOperations

/// `iamconf output [ADDRESS [NAME]] [PATH] [--json] [--raw] [--show-secrets]`: what the backend
/// assigned to applied resources (ARNs, unique ids, access key ids), for scripts, as Terraform's
/// `terraform output` gives a module's outputs.
struct OutputCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "output",
        abstract: "Print the ARNs, ids and (with --show-secrets) secrets of applied resources, for scripts.",
        discussion: """
            Without ADDRESS, every resource that has outputs, in address order. With ADDRESS, that resource's outputs \
            (`iamconf state list` shows the addresses); with ADDRESS NAME, one value, and --raw prints it bare, with no \
            quotes and no newline, for `$(iamconf output ADDRESS arn --raw)`. --json gives an object keyed by address, \
            one resource's object keyed by name, or one JSON string. Secrets (secret_access_key, password) show as \
            (sensitive) unless --show-secrets is given; naming one without it is an error. PATH, the configuration \
            directory or file, is the argument that names something on disk. Reads only the state.
            """)

    @Argument(help: ArgumentHelp("[ADDRESS [NAME]] [PATH]: a resource address, one of its outputs, the configuration (default: .).",
        valueName: "address-name-path"))
    var arguments: [String] = []

    @Flag(name: .long, help: "Print JSON: an object keyed by address, one resource's object, or one string.")
    var json = false

    @Flag(name: .long, help: "With ADDRESS NAME: print the value alone, without quotes or a newline.")
    var raw = false

    @Flag(name: .long, help: "Print secret values (secret_access_key, password) in clear instead of (sensitive).")
    var showSecrets = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if raw, json { throw ValidationError("--raw and --json cannot be combined: --raw prints one bare value, --json a JSON document") }
    }

    func run() async throws {
        let terminal = Terminal(noColorFlag: global.noColor || json || raw)
        try await runReportingErrors(terminal) {
            let (path, rest) = try PositionalPath.split(arguments)
            guard rest.count <= 2 else {
                throw CLIError(
                    "output takes at most ADDRESS and NAME (and a PATH), got \(rest.count) other arguments: \(rest.joined(separator: " "))",
                    hint: "for example: iamconf output source.user.alice arn --raw")
            }
            if raw, rest.count < 2 {
                throw CLIError("--raw prints one value: name the resource and the output", hint: "for example: iamconf output source.user.alice arn --raw")
            }
            let workspace = global.workspace(path)
            let selection = try OutputOperation(
                workspace: workspace, address: rest.first, name: rest.count == 2 ? rest[1] : nil, showsSecrets: showSecrets
            ).run()
            if case let .all(resources) = selection, resources.isEmpty, !json {
                terminal.warn("Warning: no outputs: the state at \(workspace.statePath) records no applied resources. Run `iamconf apply` first.")
                return 0
            }
            if case let .resource(resource) = selection, resource.values.isEmpty, !json {
                terminal.warn("Warning: \(resource.address) has no outputs: the backend assigned it no ARN or id.")
                return 0
            }
            if raw, case let .value(_, value) = selection {
                terminal.write(value.value)
            } else {
                terminal.print(json ? OutputRenderer.json(selection) : OutputRenderer.text(selection))
            }
            return 0
        }
    }
}
