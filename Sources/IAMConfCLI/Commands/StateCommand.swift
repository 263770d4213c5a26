import ArgumentParser
import IAMConfCore
import IAMConfEngine
import IAMConfOperations
import IAMConfState

struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Inspect and edit the state.",
        subcommands: [List.self, Show.self, Remove.self, Migrate.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the addresses in the state.")
        @Argument(help: "The configuration directory or file (default: the current directory).") var path: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let terminal = Terminal(noColorFlag: global.noColor)
            try await runReportingErrors(terminal) {
                let state = try global.workspace(path).loadState()
                for resource in state?.sortedResources ?? [] { terminal.print(resource.address.description) }
                return 0
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one resource in the state.")
        @Argument(help: "The resource address, e.g. target.role.S3Access.") var address: String
        @Option(name: .long, help: "The configuration directory or file (default: the current directory).") var path: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let terminal = Terminal(noColorFlag: global.noColor)
            try await runReportingErrors(terminal) {
                let workspace = global.workspace(path)
                let resource = try workspace.resource(address, in: try workspace.loadState())
                terminal.print(StateRenderer.resource(resource))
                return 0
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm",
            abstract: "Forget resources without deleting them from the backend.",
            discussion: """
                The configuration PATH may be given like `state list`'s, as the argument that names a file or directory \
                on disk (`iamconf state rm ADDRESS... PATH`), or with --path.
                """)
        @Argument(help: ArgumentHelp("Resource addresses to remove from the state, and optionally the configuration PATH.", valueName: "address-or-path"))
        var arguments: [String] = []
        @Option(name: .long, help: "The configuration directory or file (default: the current directory).") var path: String?
        @OptionGroup var global: GlobalOptions

        /// The configuration path and the addresses, from the positional arguments and --path.
        func split() throws -> (path: String?, addresses: [String]) {
            let (positional, addresses) = try PositionalPath.split(arguments)
            if let positional, let path {
                throw CLIError("the configuration is given twice: \(positional) and --path \(path)", hint: "give one of them")
            }
            guard !addresses.isEmpty else {
                throw CLIError("name at least one address to remove", hint: "`iamconf state list` shows the addresses")
            }
            return (positional ?? path, addresses)
        }

        func run() async throws {
            let terminal = Terminal(noColorFlag: global.noColor)
            try await runReportingErrors(terminal) {
                let (path, addresses) = try split()
                let workspace = global.workspace(path)
                return try await workspace.withStateLock(operation: "state rm", observer: TerminalObserver(terminal: terminal)) { store in
                    var state = try workspace.loadState(from: store)
                    // Check every address before changing anything, so a typo removes nothing.
                    let resources = try addresses.map { try workspace.resource($0, in: state) }
                    for resource in resources { state?.resources[resource.address] = nil }
                    if let state { _ = try StoreSink(store: store).write(state) }
                    for resource in resources { terminal.print("Removed \(resource.address)") }
                    terminal.print("Successfully removed \(resources.count) resource(s) from the state.")
                    return 0
                }
            }
        }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Copy the state to another store (a file or s3://BUCKET/KEY), byte for byte.",
            discussion: """
                Both states are locked while copying. A destination holding another lineage, or a newer serial of this \
                state, is never overwritten. The source is left in place.
                """)
        @Argument(help: "The configuration directory or file (default: the current directory).") var path: String?
        @Option(name: .long, help: "Where to put the state: a file path or s3://BUCKET/KEY[?endpoint_url=URL&region=R].") var to: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let terminal = Terminal(noColorFlag: global.noColor)
            try await runReportingErrors(terminal) {
                let migration = StateMigration(workspace: global.workspace(path), destination: to)
                terminal.print(try await migration.run(observer: TerminalObserver(terminal: terminal)))
                return 0
            }
        }
    }
}
