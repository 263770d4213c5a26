import ArgumentParser
import Foundation
import IAMConfConfig
import IAMConfCore
import IAMConfOperations
import IAMConfPolicy

/// `iamconf check [PATH] --principal P [--assume ROLE ...] ACTION RESOURCE`: one access question.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Answer one access question: may a principal perform an action on a resource?",
        discussion: [
            "Evaluates as AWS would: the caller's identity policies (inline, attached, and its groups'), its permissions "
                + "boundary, the bucket policy of a configured bucket or the trust policy of a role, and the request context "
                + "AWS builds: aws:username (users), aws:userid, aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, "
                + "aws:PrincipalTag/*, aws:CurrentTime, aws:EpochTime, aws:SecureTransport=true, aws:RequestedRegion "
                + "(the backend region or us-east-1), aws:ResourceAccount, and for temporary credentials "
                + "aws:MultiFactorAuthPresent and aws:TokenIssueTime.",
            "--assume walks a role chain: each hop needs both the caller's identity side and the role's trust policy, "
                + "then the caller is the role session arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION.",
            "--context KEY=VALUE replaces or adds a key for every request of the chain; KEY=V1,V2 gives several values, "
                + "and repeating a key adds values.",
            "Exit status: 0 allowed, 3 denied, 1 error.",
        ].joined(separator: "\n\n")
    )

    @Argument(help: ArgumentHelp("[PATH] ACTION RESOURCE: the configuration (default: .), e.g. s3:PutObject and arn:aws:s3:::bucket/key.", valueName: "path action resource"))
    var arguments: [String] = []

    @Option(name: .long, help: "The caller: an address (source.user.alice, target.role.Admin, source.root, main.service_linked_role.autoscaling.amazonaws.com) or an ARN.")
    var principal: String

    @Option(name: .customLong("assume"), help: "A role to assume first, by address or ARN (repeat for a chain, in order).")
    var assume: [String] = []

    @Option(name: .customLong("context"), help: "A condition key for every request: KEY=VALUE or KEY=V1,V2 (repeatable).")
    var context: [String] = []

    @Flag(name: .long, help: "The caller signed in with MFA (aws:MultiFactorAuthPresent=true, carried into role sessions).")
    var mfa = false

    @Option(name: .long, help: "The role session name (default: the caller's user name, or iamconf-check).")
    var sessionName: String?

    @Flag(name: .long, help: "Ask the simulator's applied world instead of the configuration (read-only).")
    var applied = false

    @Flag(name: .long, help: "Print the answer as JSON.")
    var json = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: global.noColor || json)
        try await runReportingErrors(terminal) {
            let (path, action, resource) = try Self.split(arguments)
            let question = AccessQuestion(
                principal: principal, assume: assume, action: action, resource: resource,
                context: try Self.parseContext(context), isMFAAuthenticated: mfa, sessionName: sessionName)
            let analyzer = try await global.workspace(path).accessAnalyzer(applied: applied, observer: TerminalObserver(terminal: terminal))
            let answer: AccessAnswer
            do throws(AccessError) {
                answer = try analyzer.answer(question)
            } catch {
                // A JSON reader gets the refusal as data too; the message still goes to stderr.
                if json { terminal.print(Self.errorJSON(error).prettyText()) }
                throw CLIError(error.message, hint: error.hint)
            }
            terminal.print(json ? JSONKeyConvention.snakeCased(answer.json).prettyText() : answer.text())
            return answer.isAllowed ? 0 : 3
        }
    }

    static func errorJSON(_ error: AccessError) -> JSONValue {
        .object([
            ("error", .object([
                ("code", .string(error.code)), ("message", .string(error.message)),
                ("hint", error.hint.map(JSONValue.string) ?? .null),
            ])),
        ])
    }

    /// `ACTION RESOURCE` or `PATH ACTION RESOURCE`.
    static func split(_ arguments: [String]) throws -> (path: String?, action: String, resource: String) {
        switch arguments.count {
        // An action always has a colon; a first argument without one is the PATH of a short list.
        case 2 where arguments[0].contains(":"): return (nil, arguments[0], arguments[1])
        case 3: return (arguments[0], arguments[1], arguments[2])
        default:
            throw CLIError(
                "check needs ACTION and RESOURCE (after an optional PATH), got \(arguments.count) argument\(arguments.count == 1 ? "" : "s")",
                hint: "iamconf check examples/cross-account --principal source.user.alice s3:PutObject arn:aws:s3:::bucket/key")
        }
    }

    /// `KEY=VALUE` pairs; commas separate values and a repeated key adds to its values.
    static func parseContext(_ pairs: [String]) throws -> [String: [String]] {
        var context: [String: [String]] = [:]
        var spelling: [String: String] = [:]
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw CLIError("--context '\(pair)' is not KEY=VALUE", hint: "for example --context aws:SourceIp=203.0.113.7")
            }
            let key = String(pair[..<equals])
            let values = pair[pair.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let canonical = spelling[key.lowercased()] ?? key
            spelling[key.lowercased()] = canonical
            context[canonical, default: []] += values
        }
        return context
    }
}
