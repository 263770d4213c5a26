/// What one principal can do, by service and access level (`iamconf access PRINCIPAL`).
public struct AccessSummary: Sendable {
    public var principal: PrincipalRef
    /// The grants, grouped for reading: every action, whole services, or access levels, each with
    /// its resources and conditions (made when asked: the plan's delta groups only what changed).
    public var groups: [GrantGroup] { GrantGroup.groups(sets, index: index) }
    /// For a role: who its trust policy lets assume it (nil for users and groups).
    public var assumableBy: [Assumer]?
    /// What the summary could not count (a policy that does not parse, a policy variable iamconf
    /// cannot know offline, a role whose service-given permissions are unknown).
    public var notes: [String]
    var sets: [GrantSet]
    let index: ActionIndex

    init(principal: PrincipalRef, sets: [GrantSet], notes: [String], index: ActionIndex) {
        self.principal = principal
        self.sets = sets
        self.notes = notes
        self.index = index
    }

    /// Every grant, one per action and resource, in catalog order: what the groups stand for.
    public var grants: [Grant] {
        var out: [Grant] = []
        for set in sets {
            for position in set.actions.members {
                out.append(Grant(
                    action: index.qualifiedNames[position], resource: set.shape.resource, conditions: set.shape.conditions,
                    unless: set.shape.unless, exceptions: set.shape.exceptions))
            }
        }
        return out
    }

    /// How many distinct actions the principal may perform somewhere, under some condition.
    public var actionCount: Int {
        var all = index.empty
        for set in sets { all.formUnion(set.actions) }
        return all.count
    }
}

/// Someone a role's trust policy lets assume the role, and how.
public struct Assumer: Sendable, Hashable {
    public var principal: PrincipalRef
    /// `sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity` or `sts:AssumeRoleWithSAML`.
    public var action: String
    public var conditions: [ConditionClause]
    public var unless: [[ConditionClause]]
    /// In a trust change, how the same principal could assume the role on the other side of the
    /// plan: a gain that was allowed before under more conditions (`before: only when ...`), a loss
    /// that stays allowed under more (`still allowed when ...`).
    public var comparison: GrantComparison?

    public init(
        principal: PrincipalRef, action: String, conditions: [ConditionClause] = [], unless: [[ConditionClause]] = [],
        comparison: GrantComparison? = nil
    ) {
        self.principal = principal
        self.action = action
        self.conditions = conditions
        self.unless = unless
        self.comparison = comparison
    }

    /// `other.root (arn:aws:iam::222222222222:root) via sts:AssumeRole when ...`.
    public var text: String {
        var text = "\(principal) via \(action)" + GrantShape.qualifierText(conditions: conditions, unless: unless, exceptions: [])
        if principal.kind == .account { text += " (any principal of the account that its own policies allow)" }
        if principal.kind == .anyone { text += " (anyone, in any account)" }
        if let comparison { text += comparison.text }
        return text
    }

    /// Whether this assumer allows at least what `other` allows: the same principal and action,
    /// and no condition `other` does not also need.
    func covers(_ other: Assumer) -> Bool {
        principal == other.principal && action == other.action && Set(conditions).isSubset(of: Set(other.conditions))
            && Set(unless).isSubset(of: Set(other.unless))
    }
}
