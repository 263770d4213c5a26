import ArgumentParser
import Foundation
import IAMConfOperations
import IAMConfServer

/// `iamconf lab …`: what a learner needs around a served lab.
struct LabCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Lab helpers for `iamconf serve`.",
        subcommands: [CredentialsCommand.self, MFACodeCommand.self, LabLogCommand.self, SnapshotCommand.self, ResetCommand.self, ListCommand.self])
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

struct LabLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Print the decisions `iamconf serve` made: who asked for what, allowed or denied, and by which statements.")

    @Argument(help: "The configuration directory or file (default: the current directory).")
    var path: String?

    @Flag(name: .long, help: "Only refused and unauthenticated requests.")
    var denied = false

    @Flag(name: .long, help: "The records as JSON lines, as stored.")
    var json = false

    @Flag(name: .long, help: "Keep printing new decisions as they are made (Ctrl-C stops).")
    var follow = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: global.noColor)
        try await runReportingErrors(terminal) {
            let path = global.workspace(self.path).decisionLogPath
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw CLIError("no decision log at \(path)", hint: "run `iamconf serve` and send it a request first")
            }
            var pending = ""
            repeat {
                pending += String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
                // Only whole lines: a record being written stays for the next round.
                let complete = pending.lastIndex(of: "\n").map { pending[...$0] } ?? ""
                for record in DecisionLogFile.records(in: complete) where !denied || record.outcome != .allowed {
                    terminal.print(json ? Self.jsonLine(record) : Self.text(record))
                }
                pending = String(pending.dropFirst(complete.count))
                if follow { try await Task.sleep(for: .milliseconds(250)) }
            } while follow
            return 0
        }
    }

    static func text(_ record: DecisionRecord) -> String {
        let outcome = record.outcome.rawValue.uppercased()
        var lines = ["\(record.time)  \(outcome)  \(record.caller ?? "(unauthenticated)")  \(record.action)  \(record.resource)"
            + (record.code.map { "  [\($0)]" } ?? "")]
        lines += record.statements.map { statement in "    \(statement.text)" + (statement.at.map { "  at \($0)" } ?? "") }
        if !record.missingContextKeys.isEmpty { lines.append("    missing context keys: \(record.missingContextKeys.joined(separator: ", "))") }
        return lines.joined(separator: "\n")
    }

    static func jsonLine(_ record: DecisionRecord) -> String {
        String(decoding: record.jsonLine().dropLast(), as: UTF8.self)
    }
}

struct CredentialsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials",
        abstract: "Print a configured user's access key, or the running serve's management credential, for the aws CLI or boto3.",
        discussion: """
            eval "$(iamconf lab credentials source.user.alice)" signs the shell's next aws commands as alice; \
            eval "$(iamconf lab credentials --management)" as the lab administrator of the serve running now \
            (its credential is made anew by each serve run and works only while it runs).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case env, profile
    }

    @Argument(help: "The user (source.user.alice) or one of its keys (source.user.alice.access_key[2]); none with --management.")
    var user: String?

    @Argument(help: "The configuration directory or file (default: the current directory).")
    var path: String?

    @Flag(name: .long, help: "The running serve's management credential instead of a user's key.")
    var management = false

    @Option(name: .long, help: "env (export lines, the default) or profile (an ~/.aws/credentials block).")
    var format: Format = .env

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: true)
        try await runReportingErrors(terminal) {
            let credentials: LabCredentials
            if management {
                // With --management the one positional argument is the configuration's path.
                guard user == nil || path == nil else {
                    throw CLIError("--management takes no user", hint: "iamconf lab credentials --management [PATH]")
                }
                credentials = try global.workspace(user ?? path).managementCredentials()
            } else {
                guard let user else {
                    throw CLIError("name a user, e.g. source.user.alice", hint: "or --management for the running serve's management credential")
                }
                credentials = try global.workspace(path).labCredentials(for: user)
            }
            terminal.print(format == .env ? credentials.environment : credentials.profile)
            return 0
        }
    }
}

struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot", abstract: "Save the applied world, the buckets' objects and the state together under a name (not while serve runs).")

    @Argument(help: "The snapshot's name (letters, digits, '.', '_', '-').")
    var name: String

    @Argument(help: "The configuration directory or file (default: the current directory).")
    var path: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: true)
        try await runReportingErrors(terminal) {
            try global.workspace(path).takeSnapshot(name)
            terminal.print("Snapshot \(name) saved.")
            return 0
        }
    }
}

struct ResetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Put a snapshot back, or without a NAME the lab as the configuration gives it (not while serve runs).",
        discussion: """
            `lab reset NAME` restores the world, the objects and the state of a snapshot. `lab reset` alone applies the \
            configuration to a fresh world, as `destroy` then `apply` would (new access keys and MFA seeds, recorded in the \
            state), and drops whatever was made through serve; if that apply fails, the lab is left as it was.
            """)

    @Option(name: .long, help: "The snapshot to go back to (or give it as the first argument).")
    var snapshot: String?

    @Argument(help: "The snapshot to go back to, then the configuration directory or file (default: the current directory). With one argument that is a directory or a YAML file, it is the configuration.")
    var arguments: [String] = []

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard arguments.count <= 2 else { throw ValidationError("give at most a snapshot NAME and a PATH") }
    }

    /// The snapshot and the path: one argument is the path when it names a file or directory that exists.
    var snapshotAndPath: (name: String?, path: String?) {
        if let snapshot { return (snapshot, arguments.first) }
        switch arguments.count {
        case 2: return (arguments[0], arguments[1])
        case 1 where FileManager.default.fileExists(atPath: arguments[0]): return (nil, arguments[0])
        case 1: return (arguments[0], nil)
        default: return (nil, nil)
        }
    }

    func run() async throws {
        let terminal = Terminal(noColorFlag: true)
        try await runReportingErrors(terminal) {
            let (name, path) = snapshotAndPath
            let workspace = global.workspace(path)
            if let name {
                try workspace.resetToSnapshot(name)
                terminal.print("Reset to snapshot \(name).")
            } else {
                let outcome = try await workspace.resetToConfiguration(observer: TerminalObserver(terminal: terminal))
                terminal.print("Reset to the configuration: a fresh world, \(outcome.report.added) resources applied.")
            }
            return 0
        }
    }
}

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the lab's snapshots, oldest first.")

    @Argument(help: "The configuration directory or file (default: the current directory).")
    var path: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: true)
        try await runReportingErrors(terminal) {
            let snapshots = try global.workspace(path).listSnapshots()
            if snapshots.isEmpty { terminal.print("No snapshots (take one with `iamconf lab snapshot NAME`).") }
            for snapshot in snapshots {
                terminal.print("\(snapshot.name)  \(snapshot.date.formatted(Date.ISO8601FormatStyle()))")
            }
            return 0
        }
    }
}
