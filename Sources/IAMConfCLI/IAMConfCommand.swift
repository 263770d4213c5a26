import ArgumentParser
import Foundation

/// The root command: `iamconf SUBCOMMAND`.
public struct IAMConfCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "iamconf",
        abstract: "Declarative AWS IAM access configuration: validate, plan, apply, test.",
        version: "0.1.0",
        subcommands: [
            ValidateCommand.self,
            LintCommand.self,
            PlanCommand.self,
            ApplyCommand.self,
            DestroyCommand.self,
            ShowCommand.self,
            OutputCommand.self,
            StateCommand.self,
            GraphCommand.self,
            ForceUnlockCommand.self,
            ExportCommand.self,
            CheckCommand.self,
            WhoCanCommand.self,
            PathsCommand.self,
            AccessCommand.self,
            TestCommand.self,
            SimulateCommand.self,
            RefreshCommand.self,
            ImportCommand.self,
            ServeCommand.self,
            LabCommand.self,
        ]
    )

    public init() {}
}

/// The executable's entry point. Usage errors exit 1, like every other error: iamconf's exit
/// codes are 0, 1, 2 (plan --detailed-exitcode) and 3 (check: denied), not sysexits' 64.
public func runIAMConf() async {
    do {
        var command = try IAMConfCommand.parseAsRoot()
        if var asyncCommand = command as? AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    } catch {
        let code = IAMConfCommand.exitCode(for: error)
        if code.rawValue == 64 {
            FileHandle.standardError.write(Data((IAMConfCommand.fullMessage(for: error) + "\n").utf8))
            exit(1)
        }
        IAMConfCommand.exit(withError: error)
    }
}
