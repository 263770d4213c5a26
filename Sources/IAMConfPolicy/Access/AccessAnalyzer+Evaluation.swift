import IAMConfCore

/// Evaluating one request of a chain: the whole request, then each side on its own to explain it.
extension AccessAnalyzer {
    /// The resource-based policy and owner of a request's resource.
    struct ResourceTarget {
        var account: String?
        var policy: NamedPolicy?
        /// `sts:AssumeRole*` on a role: the trust policy must allow, whatever the identity side says
        /// ("role trust policies ... must explicitly allow access for principals"; within one account a
        /// trust policy naming the user allows on its own, one naming the account delegates to the
        /// identity side). https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
        var isTrust = false
    }

    /// Trust policies are consulted for these actions on a role.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html
    static func isAssumeRole(_ action: String) -> Bool {
        action.lowercased().hasPrefix("sts:assumerole")
    }

    /// Asked with AssumeRole when the session gets tags or a source identity: the role's trust policy
    /// must allow them too. https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html
    static func isSessionPermission(_ action: String) -> Bool {
        ["sts:tagsession", "sts:setsourceidentity"].contains(action.lowercased())
    }

    func target(action: String, resource: String, notes: inout [String]) -> ResourceTarget {
        guard let arn = ARN(resource) else { return ResourceTarget() }
        if let key = TargetCacheKey(action: action, arn: arn), let prepared = preparedTargets[key] {
            notes += prepared.notes
            return prepared.target
        }
        return resolveTarget(action: action, resource: resource, arn: arn, notes: &notes)
    }

    /// The resource's owner and its resource-based policy, compiled now.
    func resolveTarget(action: String, resource: String, arn: ARN, notes: inout [String]) -> ResourceTarget {
        if Self.isAssumeRole(action) || Self.isSessionPermission(action), arn.service == "iam", arn.resource.hasPrefix("role/") {
            guard let (account, role) = configuration.role(arn: arn) else {
                notes.append("\(resource) is not a role of the configuration, so no trust policy allows assuming it")
                return ResourceTarget(account: AccountID.isValid(arn.account) ? arn.account : nil, isTrust: true)
            }
            let owner = role.displayName(in: account, asWritten: "\(account.name).role.\(role.name)")
            let policy = NamedPolicy.make(role.trustPolicy, kind: .trust, name: "\(owner) trust policy", notes: &notes)
            return ResourceTarget(account: account.id, policy: policy, isTrust: true)
        }
        if arn.service == "s3", arn.account.isEmpty {
            let name = String(arn.resource.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            guard let (account, bucket) = configuration.bucket(named: name) else {
                notes.append("bucket \(name) is not in the configuration: evaluated as the caller's own, without a bucket policy")
                return ResourceTarget()
            }
            let policy = bucket.policy.flatMap {
                NamedPolicy.make($0, kind: .resource, name: "bucket \(bucket.name) policy", notes: &notes)
            }
            return ResourceTarget(account: account.id, policy: policy)
        }
        return ResourceTarget(account: AccountID.isValid(arn.account) ? arn.account : nil)
    }

    func evaluate(
        _ caller: AccessCaller, kind: AccessStep.Kind, action: String, resource: String, question: AccessQuestion,
        extra: [String: [String]], notes: inout [String], target known: ResourceTarget? = nil
    ) -> AccessStep {
        // Analyses asking many questions of one resource look its target up once and pass it in.
        let target = known ?? target(action: action, resource: resource, notes: &notes)
        let context = RequestContextBuilder(now: now, region: region)
            .context(for: caller, resourceAccount: target.account, extra: extra, overrides: question.context)
        var directory = PolicyDirectory()
        directory.add(caller.policies)
        if let policy = target.policy { directory.add([policy]) }
        var request = AccessRequest(
            principal: caller.principal, action: action, resource: resource, resourceAccount: target.account, context: context,
            identityPolicies: caller.identityPolicies.map(\.compiled),
            permissionsBoundaries: caller.permissionsBoundaries.map(\.compiled), sessionPolicies: caller.sessionPolicies.map(\.compiled),
            serviceControlPolicies: caller.serviceControlPolicies.map { $0.policies.map(\.compiled) }, resourcePolicy: target.policy?.compiled)
        let full = PolicyEvaluator.evaluate(request)
        let serviceControl = serviceControlVerdict(full, request: request, caller: caller, directory: directory)
        request.resourcePolicy = nil
        request.resourceAccount = nil
        // The identity side on its own: the SCPs are reported as their own side.
        request.serviceControlPolicies = []
        let identity = PolicyEvaluator.evaluate(request)
        let resourceSide = target.policy.map { resourceVerdict($0, caller: caller, action: action, resource: resource, context: context) }
        var outcome = full.outcome
        var rule = full.rule
        if target.isTrust, outcome == .allowed, resourceSide?.isAllowed != true {
            outcome = .implicitDeny
            rule = .trustPolicyMustAllow
        }
        let identityVerdict = identitySideVerdict(identity, request: request, caller: caller, directory: directory)
        var policyVerdict = resourceSide.map { verdict($0, directory: directory, roles: [.resource]) }
        // The resource side is asked without the caller's boundary, so a NotPrincipal deny that reaches
        // the caller only because of its boundary shows in the whole request alone.
        if full.outcome == .explicitDeny, policyVerdict?.isExplicitDeny == false {
            let denies = full.matchedStatements.filter { $0.policyType == .resource }
            if !denies.isEmpty {
                policyVerdict = AccessStep.Verdict(isAllowed: false, reasons: directory.reasons(denies), isExplicitDeny: true)
            }
        }
        if let policy = target.policy, let side = policyVerdict, !side.isAllowed, !side.isExplicitDeny {
            policyVerdict?.unmetConditions = unmetResourceConditions(policy, caller: caller, action: action, resource: resource, context: context)
        }
        var step = AccessStep(
            kind: kind, callerName: caller.name, callerARN: caller.principal.arn, action: action, resource: resource,
            resourceAccount: target.account, resourcePolicyName: target.policy?.name, roleName: nil, outcome: outcome,
            // An SCP's Allow only lets a grant through (FullAWSAccess on every level); it is no reason.
            reasons: outcome == .implicitDeny ? [] : directory.reasons(full.matchedStatements.filter { $0.policyType != .serviceControl || $0.effect == .deny }),
            identitySide: identityVerdict, hasIdentitySide: caller.hasIdentitySide, resourceSide: policyVerdict,
            isAllowedByPermissionsBoundary: full.allowedByPermissionsBoundary,
            permissionsBoundaryNames: caller.permissionsBoundaries.map(\.name), refusedBy: [],
            missingContextKeys: Self.merge([full.missingContextKeys, identity.missingContextKeys, resourceSide?.missingContextKeys ?? []]),
            context: context.allEntries, rule: rule)
        step.serviceControl = serviceControl
        step.refusedBy = refusingSides(step, caller: caller, target: target)
        return step
    }

    /// The identity side's verdict, explained: when the boundary refuses, what the identity policies
    /// allow on their own; when nothing allows, the statements whose Condition is not met.
    private func identitySideVerdict(
        _ identity: Decision, request: AccessRequest, caller: AccessCaller, directory: PolicyDirectory
    ) -> AccessStep.Verdict {
        var result = verdict(identity, directory: directory, roles: [.identity, .permissionsBoundary, .session])
        if identity.allowedByPermissionsBoundary == false {
            var unbounded = request
            unbounded.permissionsBoundaries = []
            result.reasons = verdict(PolicyEvaluator.evaluate(unbounded), directory: directory, roles: [.identity]).reasons
        }
        if !result.isAllowed, !result.isExplicitDeny {
            result.unmetConditions = unmetIdentityConditions(
                caller, action: request.action, resource: request.resource, context: request.context)
        }
        return result
    }

    /// The resource policy on its own: would it let this caller in if the identity side allowed
    /// everything? Asked as a cross-account request, where a grant to the account counts too.
    func resourceVerdict(
        _ policy: NamedPolicy, caller: AccessCaller, action: String, resource: String, context: RequestContext
    ) -> Decision {
        let elsewhere = caller.principal.account == "000000000000" ? "000000000001" : "000000000000"
        let request = AccessRequest(
            principal: caller.principal, action: action, resource: resource, resourceAccount: elsewhere, context: context,
            identityPolicies: Self.allowEverything.map { [$0] } ?? [], resourcePolicy: policy.compiled)
        return PolicyEvaluator.evaluate(request)
    }

    /// A stand-in identity side that allows everything, to ask the resource side alone.
    static let allowEverything: CompiledPolicy? = CompiledPolicy.compile(
        .object([
            ("Version", .string("2012-10-17")),
            ("Statement", .array([.object([("Effect", .string("Allow")), ("Action", .string("*")), ("Resource", .string("*"))])])),
        ]), kind: .identity, id: "iamconf: any identity").policy

    private func verdict(_ decision: Decision, directory: PolicyDirectory, roles: Set<PolicyType>) -> AccessStep.Verdict {
        AccessStep.Verdict(
            isAllowed: decision.isAllowed, reasons: directory.reasons(decision.matchedStatements.filter { roles.contains($0.policyType) }),
            isExplicitDeny: decision.outcome == .explicitDeny)
    }

    private func refusingSides(_ step: AccessStep, caller: AccessCaller, target: ResourceTarget) -> [AccessStep.Side] {
        guard step.outcome != .allowed else { return [] }
        let scpRefuses = step.serviceControl.map { !$0.isAllowed } ?? false
        if step.outcome == .explicitDeny {
            var sides: [AccessStep.Side] = []
            if step.serviceControl?.isExplicitDeny == true { sides.append(.serviceControlPolicies) }
            if step.identitySide.isExplicitDeny { sides.append(.identity) }
            if step.resourceSide?.isExplicitDeny == true { sides.append(.resourcePolicy) }
            return sides
        }
        var sides: [AccessStep.Side] = scpRefuses ? [.serviceControlPolicies] : []
        if caller.hasIdentitySide, !step.identitySide.isAllowed { sides.append(.identity) }
        if let side = step.resourceSide {
            if !side.isAllowed { sides.append(.resourcePolicy) }
        } else if target.isTrust || step.isCrossAccount {
            sides.append(.resourcePolicy)
        }
        return sides.isEmpty ? (caller.hasIdentitySide ? [.identity] : [.resourcePolicy]) : sides
    }

    static func merge(_ lists: [[String]]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for key in lists.joined() where seen.insert(key.lowercased()).inserted { out.append(key) }
        return out
    }
}
