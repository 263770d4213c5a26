import ArgumentParser
import Foundation
import IAMConfEngine
import IAMConfOperations

/// `iamconf import ADDRESS ID`: puts an object that already exists in the backend under iamconf's
/// management, at an address the configuration declares.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Adopt an existing IAM object into the state at an address the configuration declares.",
        discussion: """
            The object is read from the backend and recorded in the state; nothing in the backend changes. \
            Run `iamconf plan` afterwards to see where the object still differs from the configuration.

            ID forms, by the kind of address:
              ACCOUNT.user.NAME, ….user.NAME.login_profile  the user name
              ACCOUNT.group.NAME, ACCOUNT.role.NAME         the group or role name
              ACCOUNT.instance_profile.NAME                 the profile name
              ACCOUNT.user.NAME.group[G]                    USER/GROUP
              ACCOUNT.{user,group,role}.NAME.policy[P]      ENTITY/POLICY_ARN
              ACCOUNT.{user,group,role}.NAME.inline[P]      ENTITY/POLICY_NAME
              ACCOUNT.user.NAME.access_key[N]               USER/ACCESS_KEY_ID
              ACCOUNT.instance_profile.NAME.role[R]         PROFILE/ROLE
              ACCOUNT.policy.NAME                           the policy ARN
              ACCOUNT.identity_provider.NAME                the provider ARN (OIDC or SAML)
              ACCOUNT.service_linked_role.SERVICE[_SUFFIX]  the role name
              ACCOUNT.bucket.NAME, ….bucket.NAME.policy     the bucket name
              ACCOUNT.alias                                 the alias
              ACCOUNT.password_policy                       the account id

            Examples:
              iamconf import target.user.alice alice
              iamconf import 'target.user.alice.group[developers]' alice/developers
              iamconf import 'target.role.S3Access.policy[AmazonS3FullAccess]' \\
                  S3Access/arn:aws:iam::aws:policy/AmazonS3FullAccess
              iamconf import target.policy.ReadReports \\
                  arn:aws:iam::111111111111:policy/ReadReports

            Refused: an address the configuration does not declare, an address already in the state \
            (`iamconf state rm` it first), and an object the backend does not have.
            """)

    @Argument(help: "The address the configuration declares for the object (target.user.alice).")
    var address: String

    @Argument(help: "The object's IAM id: a name, an ARN or ENTITY/NAME, depending on the address (see above).")
    var id: String

    @Argument(help: "The configuration: a directory of *.yaml files or one file (default: the current directory).")
    var path: String?

    @OptionGroup var global: GlobalOptions

    /// A note on what still differs: a replacement would delete the imported object, so say so now.
    static func difference(_ change: ResourceChange) -> String {
        let attributes = change.changedAttributes.joined(separator: ", ")
        guard change.action == .replace else {
            return "Note: the imported object differs from the configuration in \(attributes); the next apply updates it in place."
        }
        let forcing = change.replaceReasons.joined(separator: ", ")
        return "Warning: the imported object differs from the configuration in \(forcing), which cannot be changed in place: "
            + "the next apply would delete it and create \(change.address) anew. Check the ID, or change the configuration to match."
    }

    func run() async throws {
        let terminal = Terminal(noColorFlag: global.noColor)
        try await runReportingErrors(terminal) {
            let operation = ImportOperation(workspace: global.workspace(path), address: address, id: id)
            terminal.print("\(address): Importing from ID \"\(id)\"...")
            let outcome = try await operation.run(observer: TerminalObserver(terminal: terminal))
            let (imported, remaining) = (outcome.imported, outcome.remaining)
            let identity = imported.outputs["arn"] ?? imported.outputs["access_key_id"]
            terminal.print("\(address): Import prepared!\(identity.map { " [\($0)]" } ?? "")")
            terminal.print("""

                Import successful!

                The resource is now in your iamconf state and will henceforth be managed by iamconf.
                Run `iamconf plan` to see where it still differs from the configuration.
                """)
            if let remaining { terminal.warn(Self.difference(remaining)) }
            return 0
        }
    }
}
