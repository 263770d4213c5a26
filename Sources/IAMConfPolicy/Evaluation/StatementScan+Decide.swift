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

    /// Every policy is scanned (so all matches and missing keys are reported), then combined.
    mutating func decide() -> Decision {
        let principal = request.principal
        let isIAMPrincipal = principal.kind == .user || principal.kind == .roleSession
        let identityApplies = isIAMPrincipal
        var identityAllow = false
        if identityApplies {
            for policy in request.identityPolicies where scan(policy, role: .identity) { identityAllow = true }
        }
        var boundaryAllow: Bool?
        if identityApplies, !request.permissionsBoundaries.isEmpty {
            var all = true
            for policy in request.permissionsBoundaries where !scan(policy, role: .permissionsBoundary) { all = false }
            boundaryAllow = all
        }
        var sessionAllow: Bool?
        if principal.kind == .roleSession, !request.sessionPolicies.isEmpty {
            var any = false
            for policy in request.sessionPolicies where scan(policy, role: .session) { any = true }
            sessionAllow = any
        }
        var organizationsAllow: Bool?
        if principal.kind != .service, principal.kind != .federated, !request.serviceControlPolicies.isEmpty {
            var every = true
            for level in request.serviceControlPolicies {
                var any = false
                for policy in level where scan(policy, role: .serviceControl) { any = true }
                if !any { every = false }
            }
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
        return Decision(
            outcome: outcome, matchedStatements: matched, missingContextKeys: missing,
            allowedByPermissionsBoundary: boundaryAllow, allowedByOrganizations: organizationsAllow)
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
            return identitySide ? .allowed : .implicitDeny
        }
    }
}
