extension StatementScan {
    /// Matches the caller against a Principal (or NotPrincipal) list.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
    func principalMatch(_ patterns: [CompiledStatement.PrincipalPattern], negated: Bool) -> ResourceGrant? {
        var best: ResourceGrant?
        for pattern in patterns {
            guard let grant = principalMatch(pattern) else { continue }
            if grant == .direct { best = .direct; break }
            if best == nil || grant == .role { best = grant }
        }
        guard negated else { return best }
        // NotPrincipal excludes only principals it names exactly or by account: naming a role does
        // not exclude its sessions (the session ARN must be listed).
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
        return best == .direct || best == .account ? nil : .direct
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
        let outcome = combine(
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
            allowedByPermissionsBoundary: boundaryAllow, allowedByOrganizations: organizationsAllow)
    }

    /// Trust policies govern only STS actions (`sts:AssumeRole*`, `sts:TagSession`, ...); other
    /// actions on a role (`iam:GetRole`) are decided without them.
    var isSTSAction: Bool {
        action.count > 4 && Glob.lower(action[0]) == UInt8(ascii: "s") && Glob.lower(action[1]) == UInt8(ascii: "t")
            && Glob.lower(action[2]) == UInt8(ascii: "s") && action[3] == UInt8(ascii: ":")
    }

    func combine(
        identityAllow: Bool, boundaryAllow: Bool?, sessionAllow: Bool?, organizationsAllow: Bool?, grant: ResourceGrant
    ) -> Decision.Outcome {
        if !denies.isEmpty { return .explicitDeny }
        if organizationsAllow == false { return .implicitDeny }
        let principal = request.principal
        switch principal.kind {
        case .service, .federated:
            return grant.isEmpty ? .implicitDeny : .allowed
        case .root:
            return request.isCrossAccount && grant.isEmpty ? .implicitDeny : .allowed
        case .user, .roleSession:
            let limitsAllow = boundaryAllow != false && sessionAllow != false
            let identitySide = identityAllow && limitsAllow
            if request.isCrossAccount { return identitySide && !grant.isEmpty ? .allowed : .implicitDeny }
            if grant.contains(.direct) { return .allowed }
            if grant.contains(.role), limitsAllow { return .allowed }
            // A role trust policy is never optional: without a statement naming the caller or its
            // account, identity policies cannot assume the role.
            // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_compare-resource-policies.html
            if request.resourcePolicy?.isTrustPolicy == true, grant.isEmpty, isSTSAction { return .implicitDeny }
            return identitySide ? .allowed : .implicitDeny
        }
    }
}
