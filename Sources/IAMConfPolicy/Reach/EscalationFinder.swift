import IAMConfCore

/// Finds the escalation edges that leave one principal, each request decided by the policy engine.
///
/// Every check asks the questions an attacker's calls would make (the target's ARN as resource,
/// the context keys the call sets, such as `iam:PolicyARN` or `iam:PassedToService`), screened first
/// by the relaxed policies of `PrincipalDirectory`.
struct EscalationFinder {
    let graph: TrustGraph
    var directory: PrincipalDirectory { graph.directory }

    func edges(from caller: Int) -> [EscalationEdge] {
        var out = graph.edges(from: caller).filter { $0.to.hasKnownIdentitySide }.map {
            EscalationEdge(from: caller, to: $0.toIndex, method: .assumeRole, grants: [$0.hop], in: directory)
        }
        out += credentialEdges(caller)
        out += trustRewriteEdges(caller)
        out += policyEdges(caller)
        out += groupEdges(caller)
        out += boundaryEdges(caller)
        out += passRoleEdges(caller)
        return out
    }

    /// One request decided in full, after the screens say it could be allowed. `as` asks for a
    /// caller changed by an earlier step (no boundary, another group's policies): no screen then.
    func grant(
        _ caller: Int, _ action: String, on resource: String, context: [String: [String]] = [:], as changed: AccessCaller? = nil
    ) -> ReachStep? {
        if changed == nil {
            guard directory.mayAllowSomewhere(caller, action), directory.mayAllow(caller, action, resource, context: context) else { return nil }
        }
        var notes: [String] = []
        let target = directory.analyzer.target(action: action, resource: resource, notes: &notes)
        return directory.reach(caller, action: action, resource: resource, target: target, extra: context, caller: changed)
    }

    /// The caller's own ARN as the resource of calls on itself (a role's, not its session's).
    func selfARN(_ caller: Int) -> String { directory.principals[caller].arn }

    /// The other users and roles of the caller's account (IAM calls reach no other account's identities).
    func neighbours(_ caller: Int) -> [Int] {
        guard let account = directory.principals[caller].account else { return [] }
        return (directory.membersByAccount[account] ?? []).filter { $0 != caller }
    }

    // MARK: - Credentials of another user

    /// CreateAccessKey (and DeleteAccessKey when the user has IAM's two keys), CreateLoginProfile or
    /// UpdateLoginProfile (whichever the user's console access calls for) on another user.
    private func credentialEdges(_ caller: Int) -> [EscalationEdge] {
        let actions = ["iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"]
        guard actions.contains(where: { directory.mayAllowSomewhere(caller, $0) }) else { return [] }
        var out: [EscalationEdge] = []
        for other in neighbours(caller) {
            guard let user = directory.users[other]?.user else { continue }
            let arn = directory.principals[other].arn
            if let create = grant(caller, "iam:CreateAccessKey", on: arn) {
                var grants = [create]
                if user.accessKeys >= 2 { grants += [grant(caller, "iam:DeleteAccessKey", on: arn)].compactMap { $0 } }
                if user.accessKeys < 2 || grants.count == 2 {
                    out.append(EscalationEdge(from: caller, to: other, method: .createAccessKey, grants: grants, in: directory))
                }
            }
            let method: EscalationMethod = user.loginProfile == nil ? .createLoginProfile : .updateLoginProfile
            if let password = grant(caller, method.title, on: arn) {
                out.append(EscalationEdge(from: caller, to: other, method: method, grants: [password], in: directory))
            }
        }
        return out
    }

    // MARK: - Another role's trust policy

    /// UpdateAssumeRolePolicy on a role of the account, then AssumeRole under the trust policy the
    /// caller wrote (naming itself), decided by the engine with that policy.
    private func trustRewriteEdges(_ caller: Int) -> [EscalationEdge] {
        guard directory.mayAllowSomewhere(caller, "iam:UpdateAssumeRolePolicy") else { return [] }
        var out: [EscalationEdge] = []
        for other in neighbours(caller) {
            // A service-linked role's trust policy belongs to its service: IAM refuses to change it.
            guard let (account, role) = directory.roles[other], role.linkedService == nil else { continue }
            let arn = directory.principals[other].arn
            guard let update = grant(caller, "iam:UpdateAssumeRolePolicy", on: arn) else { continue }
            let me = directory.callers[caller].principal
            let rewritten = Self.trustPolicy(naming: me.roleARN ?? me.arn)
            var notes: [String] = []
            let name = "\(directory.principals[other].name) trust policy as \(directory.principals[caller].name) rewrites it"
            let policy = NamedPolicy.make(PolicySource(document: rewritten), kind: .trust, name: name, notes: &notes)
            let target = AccessAnalyzer.ResourceTarget(account: account.id, policy: policy, isTrust: true)
            let session = directory.callers[caller].userName ?? AccessAnalyzer.defaultSessionName
            guard let assume = directory.reach(
                caller, action: "sts:AssumeRole", resource: arn, target: target, extra: ["sts:RoleSessionName": [session]])
            else { continue }
            out.append(EscalationEdge(from: caller, to: other, method: .updateAssumeRolePolicy, grants: [update, assume], in: directory))
        }
        return out
    }

    static func trustPolicy(naming arn: String) -> JSONValue {
        .object([
            ("Version", .string("2012-10-17")),
            ("Statement", .array([.object([
                ("Effect", .string("Allow")), ("Principal", .object([("AWS", .string(arn))])), ("Action", .string("sts:AssumeRole")),
            ])])),
        ])
    }
}

extension ReachPrincipal {
    var isUser: Bool { kind == .user }
}
