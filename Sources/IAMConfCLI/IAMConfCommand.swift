import ArgumentParser

/// The root command: `iamconf SUBCOMMAND`.
public struct IAMConfCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "iamconf",
        abstract: "Declarative AWS IAM access configuration: validate, plan, apply, test.",
        version: "0.1.0",
        subcommands: [SimulateCommand.self]
    )

    public init() {}
}
