import ArgumentParser
import Foundation
import IAMConfOperations

/// `iamconf lab …`: what a learner needs around a served lab.
struct LabCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Lab helpers for `iamconf serve`.",
        subcommands: [MFACodeCommand.self])
}

struct MFACodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mfa-code",
        abstract: "Print the current code of a user's virtual MFA device (`mfa: true`), as an authenticator app shows it.",
        discussion: "With --serial, the device's serial number (what `aws sts assume-role --serial-number` takes) follows on a second line.")

    @Argument(help: "The user (source.user.alice).")
    var user: String

    @Argument(help: "The configuration directory or file (default: the current directory).")
    var path: String?

    @Flag(name: .long, help: "Also print the device's serial number.")
    var serial = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: true)
        try await runReportingErrors(terminal) {
            let device = try global.workspace(path).mfaCode(for: user)
            terminal.print(serial ? "\(device.code)\n\(device.serial)" : device.code)
            return 0
        }
    }
}
