import IAMConfCore
import IAMConfPolicy
import IAMConfState

/// The access delta of a plan: what each affected principal gains and loses when it is applied.
///
/// "Before" is the prior state seen as a configuration (`State+AccessView`); "after" is that state
/// with the plan's changes applied (so `--target` and `--destroy` plans show exactly what they do),
/// seen the same way. Both sides go through the same view, so only real changes make a difference.
/// Only the principals a change reaches are evaluated (`AccessDeltaScope`).
public enum PlanAccess {
    /// How many principals, groups, policies, trusts and buckets a plan may reach before its access
    /// changes are left out unless asked for (`plan --full-access-changes`, `--deny-new-access`).
    /// A first plan of a large setup reaches every principal: listing the full access of 2,000 new
    /// users is no review aid, and computing it made a 10k-resource plan from empty 8x slower
    /// (0.22 s -> 1.8 s, 75 -> 300 MiB). A change under review reaches far fewer (the 10k
    /// configuration's 1% change: 66).
    public static let defaultLimit = 500

    /// The plan with its access changes, or with the reason they were left out: when `limit` is
    /// given and the plan reaches more than that.
    public static func annotate(
        _ plan: inout Plan, prior: State?, accountNames: [String: String] = [:], limit: Int?, catalog: ManagedPolicyCatalog = .shared
    ) {
        let reach = scope(of: plan)
        let count = reach.principals.count + reach.groups.count + reach.policies.count + reach.trusts.count + reach.buckets.count
        if let limit, count > limit {
            plan.accessChanges = nil
            plan.accessChangesSkipped =
                "the plan reaches \(count) principals, groups, policies, trusts and buckets (more than \(limit)); "
                + "`iamconf plan --full-access-changes` computes them, `iamconf access ADDRESS` shows one principal's access"
            return
        }
        plan.accessChanges = changes(of: plan, prior: prior, accountNames: accountNames, catalog: catalog)
        plan.accessChangesSkipped = nil
    }

    ///
    /// - Parameter accountNames: the configuration's account names by id, so accounts that hold
    ///   nothing (only trusted, or named in a bucket policy) are named as the configuration names them.
    public static func changes(
        of plan: Plan, prior: State?, accountNames: [String: String] = [:], catalog: ManagedPolicyCatalog = .shared
    ) -> [AccessChange] {
        let scope = scope(of: plan)
        guard !scope.isEmpty else { return [] }
        let before = moved(prior?.resources ?? [:], by: plan)
        var after = before
        for change in plan.changes {
            after[change.address] = nil
            if let resource = change.after {
                after[resource.address] = ResourceState(
                    address: resource.address, type: resource.type, accountID: resource.accountID, attributes: resource.attributes)
            }
        }
        return AccessDelta.changes(
            before: AccessView.configuration(before.values, accountNames: accountNames),
            after: AccessView.configuration(after.values, accountNames: accountNames), scope: scope,
            catalog: catalog)
    }

    /// Who and what the plan's changes can affect.
    static func scope(of plan: Plan) -> AccessDeltaScope {
        var scope = AccessDeltaScope()
        for change in plan.changes {
            guard let type = change.type else { continue }
            let address = change.address
            let owner = address.owner ?? address
            let attributes = change.after?.attributes ?? change.before?.attributes ?? [:]
            let accountID = change.after?.accountID ?? change.before?.accountID ?? ""
            switch type {
            case .user, .userGroupMembership, .userPolicyAttachment, .userInlinePolicy:
                scope.principals.insert(owner)
            case .group, .groupPolicyAttachment, .groupInlinePolicy:
                scope.groups.insert(owner)
            case .role:
                scope.principals.insert(address)
                if change.action != .update || change.changedAttributes.contains("assume_role_policy") { scope.trusts.insert(address) }
            case .rolePolicyAttachment, .roleInlinePolicy:
                scope.principals.insert(owner)
            case .serviceLinkedRole:
                scope.principals.insert(address)
                scope.trusts.insert(address)
            case .policy:
                guard let name = address.name else { continue }
                let path = attributes["path"]?.stringValue ?? "/"
                scope.policies.insert(ARN.iam(account: accountID, type: "policy", path: path, name: name).description)
                if let old = change.before, let oldName = old.address.name {
                    let oldPath = old.attributes["path"]?.stringValue ?? "/"
                    scope.policies.insert(ARN.iam(account: old.accountID, type: "policy", path: oldPath, name: oldName).description)
                }
            case .bucket, .bucketPolicy:
                scope.buckets.insert(owner)
            default:
                continue
            }
        }
        return scope
    }

    /// The prior state with the plan's declared renames carried out, as the planner compared it.
    static func moved(_ prior: [Address: ResourceState], by plan: Plan) -> [Address: ResourceState] {
        let renames = plan.changes.compactMap(\.rename)
        guard !renames.isEmpty else { return prior }
        var moved = prior
        for rename in renames {
            for (address, state) in prior where address == rename.from || rename.movedAddress(of: address) != nil {
                moved[address] = nil
                let next = rename.moved(state)
                moved[next.address] = next
            }
        }
        return moved
    }
}
