import IAMConfCore

/// iamconf's one key convention for `--json` output: snake_case member names, as the state file,
/// the plan JSON (Terraform's format) and `refresh --json` already spell them.
///
/// The access answers (`check --json`, `test --json`) are built by IAMConfPolicy with camelCase
/// names; the CLI renames them here, at the edge, so every command a script reads speaks one
/// dialect (docs/json-output.md). Members that hold data rather than a fixed shape keep their keys
/// as they are: a request `context` is keyed by AWS condition keys (`aws:PrincipalArn`), which are
/// AWS's spelling, not ours.
enum JSONKeyConvention {
    /// Members whose object value is keyed by data, not by iamconf's field names.
    static let dataKeyedMembers: Set<String> = ["context"]

    /// `value` with every member name in snake_case, except inside data-keyed members.
    static func snakeCased(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .array(items):
            return .array(items.map(snakeCased))
        case let .object(members):
            return .object(members.map { member in
                let key = snakeCase(member.key)
                return (key, dataKeyedMembers.contains(key) ? member.value : snakeCased(member.value))
            })
        default:
            return value
        }
    }

    /// `callerArn` -> `caller_arn`, `permissionsBoundaryAllows` -> `permissions_boundary_allows`;
    /// `callerARN` -> `caller_arn`; a name already in snake_case is unchanged.
    static func snakeCase(_ name: String) -> String {
        var out = ""
        var previous: Character?
        for character in name {
            // A word starts at an upper-case letter after a lower-case one or a digit (`callerARN`
            // is `caller_arn`, not `caller_a_r_n`).
            if character.isUppercase, let previous, previous.isLowercase || previous.isNumber {
                out.append("_")
            }
            out.append(contentsOf: character.lowercased())
            previous = character
        }
        return out
    }
}
