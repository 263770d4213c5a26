import ArgumentParser

/// The root command: `iamconf SUBCOMMAND`.
public struct IAMConfCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "iamconf",
        abstract: "Declarative AWS IAM access configuration: validate, plan, apply, test.",
        version: "0.1.0",
        subcommands: [
            ValidateCommand.self,
            PlanCommand.self,
            ApplyCommand.self,
            DestroyCommand.self,
            ShowCommand.self,
            StateCommand.self,
            GraphCommand.self,
            ForceUnlockCommand.self,
            SimulateCommand.self,
        ]
    )

    public init() {}
}

/// The executable's entry point; called from `main.swift` so the async `main()` overload is chosen.
public func runIAMConf() async {
    await IAMConfCommand.main()
}
