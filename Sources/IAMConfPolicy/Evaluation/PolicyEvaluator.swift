/// AWS's policy evaluation logic as a pure function of an `AccessRequest`.
///
/// Order, as documented: an explicit Deny in any policy wins; SCPs must allow; a resource-based
/// policy that names the caller directly can allow on its own within one account, one naming the
/// role needs the boundary and session policies too, and one naming the account only delegates to
/// identity policies; identity policies must allow within the boundary and session policies; across
/// accounts both the identity side and the resource policy must allow.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
public enum PolicyEvaluator {
    /// Decides one request. Pure: the same request always gets the same decision.
    public static func evaluate(_ request: AccessRequest) -> Decision {
        request.action.withUTF8Bytes { action in
            request.resource.withUTF8Bytes { resource in
                var scan = StatementScan(
                    request: request, action: action, resource: resource, resourceColons: ARNColons(resource))
                return scan.decide()
            }
        }
    }
}

/// How a resource-based policy's allowing statement named the caller.
struct ResourceGrant: OptionSet {
    let rawValue: UInt8
    /// The user, the session, the service, the provider, or everyone (`*`).
    static let direct = ResourceGrant(rawValue: 1)
    /// The role of the calling session: still limited by boundary and session policies.
    static let role = ResourceGrant(rawValue: 2)
    /// The caller's account: delegates to the account's identity policies.
    static let account = ResourceGrant(rawValue: 4)
}

/// The per-request walk over every policy, collecting matches and missing keys.
struct StatementScan {
    let request: AccessRequest
    let action: UnsafeBufferPointer<UInt8>
    let resource: UnsafeBufferPointer<UInt8>
    let resourceColons: ARNColons
    var allows: [MatchedStatement] = []
    var denies: [MatchedStatement] = []
    var missing: [String] = []
    /// Set when an applying Deny reached its principal through a NotPrincipal rule.
    var notPrincipalRule: DecisionRule?

    /// Scans one policy; returns whether any Allow statement applied (denies are collected).
    mutating func scan(_ policy: CompiledPolicy, role: PolicyType) -> Bool {
        var allowed = false
        for statement in policy.statements {
            guard applies(statement) != nil else { continue }
            record(statement, policy: policy, role: role)
            if statement.effect == .allow { allowed = true }
        }
        return allowed
    }

    /// Scans the resource policy; returns how its applying Allow statements named the caller.
    mutating func scanResourcePolicy(_ policy: CompiledPolicy) -> ResourceGrant {
        var grant: ResourceGrant = []
        for statement in policy.statements {
            guard let named = applies(statement) else { continue }
            record(statement, policy: policy, role: .resource)
            if statement.effect == .allow { grant.formUnion(named) }
        }
        return grant
    }

    mutating func record(_ statement: CompiledStatement, policy: CompiledPolicy, role: PolicyType) {
        let match = MatchedStatement(
            policyID: policy.id, policyType: role, statementIndex: statement.index, sid: statement.sid, effect: statement.effect)
        if statement.effect == .allow { allows.append(match) } else { denies.append(match) }
    }

    /// Whether the statement applies to the request; for resource policies, how it named the caller.
    mutating func applies(_ statement: CompiledStatement) -> ResourceGrant? {
        guard matchesAction(statement), matchesResource(statement) else { return nil }
        var named: ResourceGrant = .direct
        var because: DecisionRule?
        if let principals = statement.principals {
            let best = principalMatch(principals)
            if statement.isPrincipalNegated {
                // NotPrincipal exempts only the principals it names exactly (the account principal by
                // its account ARN): naming an account does not exempt its users and roles, and naming a
                // role does not exempt its sessions (the session ARN must be listed).
                // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
                if best == .direct {
                    guard deniesEveryBoundedPrincipal(statement) else { return nil }
                    because = .notPrincipalDeniesBoundedPrincipals
                } else if best == .account {
                    because = .notPrincipalAccountExemptsOnlyTheAccount
                }
            } else {
                guard let best else { return nil }
                named = best
            }
        }
        if !statement.conditions.isEmpty {
            noteMissingKeys(statement)
            for condition in statement.conditions where !condition.evaluate(request.context) { return nil }
        }
        if let because, statement.effect == .deny { notPrincipalRule = because }
        return named
    }

    /// A Deny with NotPrincipal applies to every user or role with a permissions boundary, whatever
    /// it lists (AWS documents this as a warning on the boundaries page).
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
    func deniesEveryBoundedPrincipal(_ statement: CompiledStatement) -> Bool {
        statement.isPrincipalNegated && statement.effect == .deny && !request.permissionsBoundaries.isEmpty
            && (request.principal.kind == .user || request.principal.kind == .roleSession)
    }

    func matchesAction(_ statement: CompiledStatement) -> Bool {
        var hit = false
        for glob in statement.actions where glob.matches(action) {
            hit = true
            break
        }
        return hit != statement.isActionNegated
    }

    mutating func matchesResource(_ statement: CompiledStatement) -> Bool {
        guard let patterns = statement.resources else { return true }
        var hit = false
        for pattern in patterns {
            switch pattern {
            case let .fixed(glob):
                hit = glob.matchesResource(resource, colons: resourceColons)
            case let .templated(template):
                for key in template.missingKeys(in: request.context) { noteMissing(key) }
                guard let glob = template.resolveGlob(request.context, caseInsensitive: false) else { continue }
                hit = glob.matchesResource(resource, colons: resourceColons)
            }
            if hit { break }
        }
        return hit != statement.isResourceNegated
    }
}
