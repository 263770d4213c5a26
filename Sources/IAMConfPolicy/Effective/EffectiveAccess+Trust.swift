import IAMConfCore

/// Who can assume a role: the principals its trust policy names, and the configured principals of
/// the accounts it trusts whose own policies let them.
extension EffectiveAccess {
    /// Someone a resource-based policy names, as effective access asks about it: a configured user
    /// or role (with its facts and policies), or a stand-in (an account root, a service, a provider,
    /// anyone) about whom nothing else is known.
    struct Candidate {
        var ref: PrincipalRef
        var principal: Principal
        var subject: AccessSubject?
        /// Found through an account the policy names: only its own policies can let it in.
        var isThroughAccount = false
    }

    /// The assumers of `role`, in name order.
    func assumers(of role: Role, in account: Account) -> [Assumer] {
        let roleARN = role.arn(in: account).description
        let entry = PolicyEntry(
            id: "\(account.name).role.\(role.name) trust", name: "\(role.displayName(in: account, asWritten: "\(account.name).role.\(role.name)")) trust policy",
            document: role.trustPolicy.document)
        var notes: [String] = []
        guard let generic = split(entry, kind: .trust, facts: .none, notes: &notes) else { return [] }
        var candidates = self.candidates(named: generic.document, near: account.id)
        // The role itself is left out: a session assuming its own role again is no new principal.
        var seen = Set(candidates.map(\.ref.name) + [role.displayName(in: account, asWritten: "\(account.name).role.\(role.name)")])
        // An account in the trust policy delegates to its principals' own policies: list the
        // configured ones that may (anyone, `*`, is not expanded: that would be every principal).
        for candidate in candidates where candidate.ref.kind == .account {
            guard let trusted = configuration.account(id: candidate.principal.account ?? "") else { continue }
            for subject in subjects(of: trusted) where seen.insert(subject.ref.name).inserted {
                candidates.append(Candidate(ref: subject.ref, principal: subject.principal, subject: subject, isThroughAccount: true))
            }
        }
        var out: [Assumer] = []
        for candidate in candidates {
            let action = Self.assumeAction(for: candidate.principal)
            var probe: Probe
            var facts = FactKeys.none
            if let subject = candidate.subject {
                probe = self.probe(for: subject, notes: &notes)
                facts = subject.facts
                // Across accounts, or through a grant to its account, the caller's own policies must
                // allow the assume action: most principals of a trusted account have no such
                // statement, and are passed over here without asking the engine.
                if candidate.isThroughAccount || subject.principal.account != account.id, let position = index.position(of: action),
                   !probe.identity.contains(where: { $0.allowActions.contains(position) }) {
                    continue
                }
            } else {
                probe = Probe(principal: candidate.principal, context: RequestContext(), identity: anyIdentity.map { [$0] } ?? [], boundary: [])
            }
            guard let trust = facts == .none ? generic : split(entry, kind: .trust, facts: facts, notes: &notes) else { continue }
            probe.resourcePolicy = trust
            probe.resourceAccount = account.id
            let directory = Dictionary(probe.policies.flatMap { policy in
                [(policy.main.id, policy)] + (policy.conditionalDenies.map { [($0.id, policy)] } ?? [])
            }, uniquingKeysWith: { first, _ in first })
            guard let position = index.position(of: action),
                  let alternatives = decide(probe, action: position, resource: roleARN, directory: directory) else { continue }
            for alternative in alternatives {
                out.append(Assumer(principal: candidate.ref, action: action, conditions: alternative.conditions, unless: alternative.unless))
            }
        }
        return out.sorted { ($0.principal.name, $0.action, $0.text) < ($1.principal.name, $1.action, $1.text) }
    }

    /// The configured users and roles of an account, as subjects.
    func subjects(of account: Account) -> [AccessSubject] {
        if let known = subjectsByAccount[account.name] { return known }
        let made = account.users.map { AccessSubject.user($0, in: account, policies: sources) }
            + account.accessRoles.map { AccessSubject.role($0, in: account, policies: sources) }
        subjectsByAccount[account.name] = made
        return made
    }

    /// Everyone a policy's Principal and NotPrincipal elements name, once each.
    func candidates(named document: PolicyDocument, near accountID: String) -> [Candidate] {
        var seen = Set<String>()
        var out: [Candidate] = []
        for statement in document.statements {
            guard let element = statement.principal else { continue }
            if element.isWildcard, let anyone = anyoneCandidate(near: accountID), seen.insert(anyone.ref.name).inserted {
                out.append(anyone)
            }
            for entry in element.entries {
                guard let candidate = candidate(entry, near: accountID), seen.insert(candidate.ref.name).inserted else { continue }
                out.append(candidate)
            }
        }
        return out
    }

    private func candidate(_ entry: PrincipalEntry, near accountID: String) -> Candidate? {
        switch entry.type {
        case .aws:
            if entry.value == "*" { return anyoneCandidate(near: accountID) }
            var accountOnly: String?
            if AccountID.isValid(entry.value) { accountOnly = entry.value }
            if let arn = ARN(entry.value), arn.service == "iam", arn.resource == "root" { accountOnly = arn.account }
            if let id = accountOnly {
                let rootARN = ARN.root(account: id).description
                let name = configuration.account(id: id).map { "\($0.name).root" } ?? rootARN
                return Candidate(
                    ref: PrincipalRef(kind: .account, name: name, arn: rootARN),
                    principal: Principal(kind: .root, arn: rootARN, account: id))
            }
            guard let arn = ARN(entry.value) else { return nil }
            if let (account, user) = configuration.user(arn: arn) {
                let subject = AccessSubject.user(user, in: account, policies: sources)
                return Candidate(ref: subject.ref, principal: subject.principal, subject: subject)
            }
            if let (account, role) = configuration.role(arn: arn) {
                let subject = AccessSubject.role(role, in: account, policies: sources)
                return Candidate(ref: subject.ref, principal: subject.principal, subject: subject)
            }
            guard let principal = Principal.parse(entry.value) else { return nil }
            let kind: PrincipalRef.Kind = principal.kind == .user ? .user : principal.kind == .roleSession ? .role : .account
            return Candidate(ref: PrincipalRef(kind: kind, name: entry.value, arn: entry.value), principal: principal)
        case .service:
            if entry.value == "*" { return anyoneCandidate(near: accountID) }
            return Candidate(ref: PrincipalRef(kind: .service, name: entry.value), principal: Principal(kind: .service, arn: entry.value))
        case .federated:
            var name = entry.value
            for account in configuration.accounts {
                if let provider = account.identityProviders.first(where: { $0.arn(in: account) == entry.value }) {
                    name = "\(account.name).identity_provider.\(provider.name)"
                }
            }
            let arn = entry.value.hasPrefix("arn:") ? entry.value : nil
            return Candidate(
                ref: PrincipalRef(kind: .federated, name: name, arn: arn),
                principal: Principal(kind: .federated, arn: entry.value, account: arn.flatMap(ARN.init)?.account))
        case .canonicalUser:
            return nil
        }
    }

    /// `*`: a stand-in caller from an account that is not `accountID`, so only a grant to everyone matches it.
    private func anyoneCandidate(near accountID: String) -> Candidate? {
        let account = accountID == "000000000000" ? "000000000001" : "000000000000"
        return Candidate(
            ref: PrincipalRef(kind: .anyone, name: "*"),
            principal: Principal(kind: .user, arn: "arn:aws:iam::\(account):user/iamconf-anyone", account: account))
    }

    /// The STS action that makes a session for this caller.
    static func assumeAction(for principal: Principal) -> String {
        guard principal.kind == .federated else { return "sts:AssumeRole" }
        return principal.arn.contains(":saml-provider/") ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity"
    }
}
