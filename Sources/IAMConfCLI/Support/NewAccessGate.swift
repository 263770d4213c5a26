import IAMConfEngine
import IAMConfPolicy

/// `--deny-new-access` on `plan` and `apply`: refuse a plan under which anyone gains anything
/// (IAM Access Analyzer's CheckNoNewAccess, decided offline on the plan's access changes).
/// A plan that only takes access away passes.
enum NewAccessGate {
    /// The exit status of a refused plan: distinct from 1 (an error) and 2 (`--detailed-exitcode`),
    /// so CI can tell "this change widens access" from "iamconf failed".
    static let exitCode: Int32 = 4

    /// The refusal and its exit status when the plan grants new access (or cannot be checked:
    /// exit 1); nil when it passes.
    static func refusal(_ plan: Plan) -> (error: CLIError, code: Int32)? {
        guard let changes = plan.accessChanges else {
            if plan.accessChangesSkipped != nil {
                let error = CLIError(
                    "--deny-new-access cannot check this saved plan: its access changes were not computed (it reaches too many principals)",
                    hint: "make the plan again with `iamconf plan --deny-new-access --out FILE` (or --full-access-changes)")
                return (error, 1)
            }
            let error = CLIError(
                "--deny-new-access cannot check this plan: it records no access changes (it was saved by an older iamconf)",
                hint: "make the plan again with `iamconf plan --out FILE`")
            return (error, 1)
        }
        let gaining = changes.filter(\.hasGains).map(subject)
        guard !gaining.isEmpty else { return nil }
        let shown = gaining.prefix(5).joined(separator: ", ") + (gaining.count > 5 ? " and \(gaining.count - 5) more" : "")
        let error = CLIError(
            "--deny-new-access: the plan grants new access (\(shown))",
            hint: "the Access changes above list every gain; drop --deny-new-access once the new access is approved")
        return (error, exitCode)
    }

    private static func subject(_ change: AccessChange) -> String {
        switch change {
        case let .permissions(change): return change.principal.name
        case let .trust(change): return "\(change.role.name) trust policy"
        case let .bucketPolicy(change): return "\(change.bucket) policy"
        }
    }
}
