extension StatementScan {
    /// How a Principal (or NotPrincipal) list names the caller, the most direct way first; nil when
    /// it does not name the caller at all.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
    func principalMatch(_ patterns: [CompiledStatement.PrincipalPattern]) -> ResourceGrant? {
        var best: ResourceGrant?
        for pattern in patterns {
            guard let grant = principalMatch(pattern) else { continue }
            if grant == .direct { return .direct }
            if best == nil || grant == .role { best = grant }
        }
        return best
    }

    func principalMatch(_ pattern: CompiledStatement.PrincipalPattern) -> ResourceGrant? {
        let principal = request.principal
        switch pattern {
        case .anyone:
            return .direct
        case let .account(account):
            guard principal.account == account, principal.kind != .service, principal.kind != .federated else { return nil }
            return principal.kind == .root ? .direct : .account
        case let .arn(arn):
            if arn == principal.arn, principal.kind != .service, principal.kind != .federated { return .direct }
            if principal.kind == .roleSession, arn == principal.roleARN { return .role }
            return nil
        case let .service(service):
            return principal.kind == .service && principal.arn == service ? .direct : nil
        case let .federated(provider):
            return principal.kind == .federated && principal.arn == provider ? .direct : nil
        case .none:
            return nil
        }
    }

    mutating func noteMissingKeys(_ statement: CompiledStatement) {
        for condition in statement.conditions where condition.condition.base != .null {
            if request.context.values(forLowercasedKey: condition.keyLower) == nil { noteMissing(condition.key) }
            for case let .template(template) in condition.values {
                for key in template.missingKeys(in: request.context) { noteMissing(key) }
            }
        }
    }

    mutating func noteMissing(_ key: String) {
        let lower = key.lowercased()
        if !missing.contains(where: { $0.lowercased() == lower }) { missing.append(key) }
    }

    /// Scans every policy (so that all their matches are recorded); true when any allows.
    mutating func anyAllows(_ policies: [CompiledPolicy], _ type: PolicyType) -> Bool {
        var any = false
        for policy in policies where scan(policy, role: type) { any = true }
        return any
    }

    /// Scans every policy; true when each of them allows.
    mutating func everyAllows(_ policies: [CompiledPolicy], _ type: PolicyType) -> Bool {
        var every = true
        for policy in policies where !scan(policy, role: type) { every = false }
        return every
    }

    /// Every applicable policy is scanned (so all matches and missing keys are reported), then combined.
    /// Identity-side policies do not apply to services, web identities or the root user; SCPs do not
    /// apply to services and web identities.
    mutating func decide() -> Decision {
        let kind = request.principal.kind
        let isIAMPrincipal = kind == .user || kind == .roleSession
        let identityAllow = isIAMPrincipal && anyAllows(request.identityPolicies, .identity)
        let boundaryAllow: Bool? = isIAMPrincipal && !request.permissionsBoundaries.isEmpty
            ? everyAllows(request.permissionsBoundaries, .permissionsBoundary) : nil
        let sessionAllow: Bool? = kind == .roleSession && !request.sessionPolicies.isEmpty
            ? anyAllows(request.sessionPolicies, .session) : nil
        var organizationsAllow: Bool?
        if kind != .service, kind != .federated, !request.serviceControlPolicies.isEmpty {
            var every = true
            for level in request.serviceControlPolicies where !anyAllows(level, .serviceControl) { every = false }
            organizationsAllow = every
        }
        let grant = request.resourcePolicy.map { scanResourcePolicy($0) } ?? []
        let (outcome, rule) = combine(
            identityAllow: identityAllow, boundaryAllow: boundaryAllow, sessionAllow: sessionAllow,
            organizationsAllow: organizationsAllow, grant: grant)
        let matched: [MatchedStatement]
        switch outcome {
        case .explicitDeny: matched = denies
        case .allowed: matched = allows
        case .implicitDeny: matched = []
        }
        let all = denies.isEmpty ? allows : allows.isEmpty ? denies : denies + allows
        return Decision(
            outcome: outcome, matchedStatements: matched, allMatchedStatements: all, missingContextKeys: missing,
            allowedByPermissionsBoundary: boundaryAllow, allowedByOrganizations: organizationsAllow, rule: rule)
    }

    /// Trust policies govern only STS actions (`sts:AssumeRole*`, `sts:TagSession`, ...); other
    /// actions on a role (`iam:GetRole`) are decided without them.
    var isSTSAction: Bool { hasServicePrefix(UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "s")) }

    /// A resource policy given for a KMS action is the key's key policy: every KMS key has exactly one,
    /// and it is the only resource-based policy KMS has.
    /// https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
    var isKMSAction: Bool { hasServicePrefix(UInt8(ascii: "k"), UInt8(ascii: "m"), UInt8(ascii: "s")) }

    /// Whether the action is `abc:...`, ignoring case.
    func hasServicePrefix(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        action.count > 4 && Glob.lower(action[0]) == a && Glob.lower(action[1]) == b && Glob.lower(action[2]) == c
            && action[3] == UInt8(ascii: ":")
    }

    /// The resource policies that are exceptions to the same-account rule: a role trust policy (for
    /// STS actions) and a KMS key policy must allow explicitly, by naming the caller, its role or its
    /// account; identity policies alone grant nothing. Nil for every other resource policy.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
    var explicitGrantRule: DecisionRule? {
        guard let policy = request.resourcePolicy else { return nil }
        if policy.isTrustPolicy { return isSTSAction ? .trustPolicyMustAllow : nil }
        return isKMSAction ? .keyPolicyMustAllow : nil
    }

    /// The outcome, and the rule that decided it when the statements alone do not say (see `DecisionRule`).
    func combine(
        identityAllow: Bool, boundaryAllow: Bool?, sessionAllow: Bool?, organizationsAllow: Bool?, grant: ResourceGrant
    ) -> (Decision.Outcome, DecisionRule?) {
        if !denies.isEmpty { return (.explicitDeny, notPrincipalRule) }
        if organizationsAllow == false { return (.implicitDeny, nil) }
        let mustAllow = explicitGrantRule
        switch request.principal.kind {
        case .service, .federated:
            return (grant.isEmpty ? .implicitDeny : .allowed, nil)
        case .root:
            guard grant.isEmpty else { return (.allowed, nil) }
            if request.isCrossAccount { return (.implicitDeny, nil) }
            return mustAllow.map { (.implicitDeny, $0) } ?? (.allowed, nil)
        case .user, .roleSession:
            let limitsAllow = boundaryAllow != false && sessionAllow != false
            let identitySide = identityAllow && limitsAllow
            if request.isCrossAccount { return (identitySide && !grant.isEmpty ? .allowed : .implicitDeny, nil) }
            if grant.contains(.direct) {
                // A trust policy naming the user (or session) still leaves its permissions boundary in force.
                // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html
                if mustAllow == .trustPolicyMustAllow, boundaryAllow == false {
                    return (.implicitDeny, .trustPolicyGrantLimitedByBoundary)
                }
                return (.allowed, nil)
            }
            if grant.contains(.role), limitsAllow { return (.allowed, nil) }
            if grant.isEmpty, let mustAllow { return (.implicitDeny, identitySide ? mustAllow : nil) }
            return (identitySide ? .allowed : .implicitDeny, nil)
        }
    }
}
