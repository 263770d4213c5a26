import ArgumentParser
import Foundation
import IAMConfOperations

/// `iamconf export --out DIR [--backend simulator|endpoint] [--endpoint-url URL] [--accounts ID,ID...]
/// [--from-state PATH] [--force] [PATH]`: what IAM holds as a configuration a person would write, with
/// the state it plans no change against.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write what IAM holds as a configuration directory (one YAML file per account) and its state.",
        discussion: """
            Reads every object IAM holds in the given accounts from a backend (--backend endpoint --endpoint-url URL \
            --accounts IDS, or the simulator world of PATH), or what a state records (--from-state), and \
            writes DIR/ACCOUNT.yaml for each account, keyed by its alias (else account_ID), with references for the \
            ARNs and account ids inside the export, and DIR/iamconf.state.json, so that `iamconf plan DIR` right \
            after reports no changes. Secrets (access keys, passwords, MFA seeds) cannot be read back: they are \
            exported as existing, and no new ones are planned. AWS-owned objects are left out. See docs/export.md.
            """)

    @Argument(help: "With --backend simulator: the directory whose simulator world to read (its .iamconf/; default: the current one).")
    var path: String?

    @Option(name: .long, help: "The directory to write (created if absent; must be empty unless --force).")
    var out: String

    @Option(name: .long, help: "Export what this state records (a file, s3://BUCKET/KEY or postgres://…).")
    var fromState: String?

    @Option(name: .long, help: "Only these accounts: 12-digit ids, comma-separated.")
    var accounts: String?

    @Flag(name: .long, help: "Write into a non-empty directory, replacing files of the same name (never a state).")
    var force = false

    @Option(name: .long, help: "The backend to read: simulator (the world of PATH) or endpoint (with --endpoint-url and --accounts).")
    var backend: GlobalOptions.BackendKind?

    @Option(name: .long, help: "The endpoint to read, with --backend endpoint.")
    var endpointURL: String?

    @Flag(name: .long, help: "Plain output without colours (also honoured: the NO_COLOR environment variable).")
    var noColor = false

    func run() async throws {
        let terminal = Terminal(noColorFlag: noColor)
        try await runReportingErrors(terminal) {
            let source = try makeSource()
            let operation = ExportOperation(source: source, directory: out, accounts: try accountIDs(), force: force)
            let result = try await operation.run(observer: TerminalObserver(terminal: terminal))
            let accounts = result.accountKeys.values.sorted().joined(separator: ", ")
            terminal.print("Exported \(result.resourceCount) resources in \(result.accountKeys.count) account(s) (\(accounts)) from \(source.origin) to \(out):")
            for path in result.written { terminal.print("  \(path)") }
            terminal.print("`iamconf plan \(out)` reports no changes.")
            return 0
        }
    }

    /// The one place that picks the source. A backend's account inventory (`--backend`,
    /// `--endpoint-url`) becomes a second `ExportSource` here; the operation and the exporter stay.
    private func makeSource() throws -> any ExportSource {
        if let fromState {
            if backend != nil || endpointURL != nil {
                throw CLIError("--from-state reads a state, not a backend: leave out --backend and --endpoint-url", hint: "the state records its backend")
            }
            if path != nil {
                throw CLIError("--from-state reads a state, not the world of a directory: leave out PATH", hint: "iamconf export --from-state iamconf.state.json --out DIR")
            }
            return StateExportSource(location: fromState)
        }
        let kind = backend ?? (endpointURL != nil ? .endpoint : .simulator)
        if kind == .endpoint {
            guard let endpointURL, URL(string: endpointURL)?.scheme != nil else {
                throw CLIError("--backend endpoint needs --endpoint-url URL", hint: "for example: --endpoint-url http://127.0.0.1:5000")
            }
            if path != nil {
                throw CLIError("PATH names a simulator world; an endpoint is read through --endpoint-url", hint: "leave out PATH")
            }
            return InventoryExportSource.endpoint(endpointURL)
        }
        if endpointURL != nil {
            throw CLIError("--endpoint-url goes with --backend endpoint", hint: "leave out --backend, or say --backend endpoint")
        }
        return InventoryExportSource.simulator(in: path ?? ".")
    }

    private func accountIDs() throws -> Set<String>? {
        guard let accounts else { return nil }
        let ids = accounts.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let bad = ids.filter { $0.count != 12 || !$0.allSatisfy(\.isASCII) || !$0.allSatisfy(\.isNumber) }
        guard bad.isEmpty, !ids.isEmpty else {
            throw CLIError("--accounts takes 12-digit account ids, comma-separated; not \(bad.isEmpty ? "'\(accounts)'" : bad.joined(separator: ", "))",
                           hint: "for example: --accounts 111111111111,222222222222")
        }
        return Set(ids)
    }
}
