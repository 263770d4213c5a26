import IAMConfCore

/// Every principal of a configuration, and those its policies name, with the caller that decides
/// each one's requests; built once for an analysis that asks many questions.
///
/// Managed policies are compiled once for all callers. Alongside each caller it keeps relaxed
/// copies of its identity policies (`PolicyRelaxation`), so questions that cannot be allowed are
/// skipped without asking the engine in full.
struct PrincipalDirectory: Sendable {
    var analyzer: AccessAnalyzer
    private(set) var principals: [ReachPrincipal] = []
    private(set) var callers: [AccessCaller] = []
    /// A role's trust policy as the resource policy of `sts:AssumeRole*`, by the role's index.
    private(set) var trustTargets: [Int: AccessAnalyzer.ResourceTarget] = [:]
    /// The configuration's user and role behind an index.
    private(set) var users: [Int: (account: Account, user: User)] = [:]
    private(set) var roles: [Int: (account: Account, role: Role)] = [:]
    /// Users and roles of each configured account, by account id.
    private(set) var membersByAccount: [String: [Int]] = [:]
    private(set) var indexByARN: [String: Int] = [:]
    private(set) var notes: [String] = []
    /// Identity policies without Deny statements and Conditions, per caller (see `mayAllow`).
    var relaxedIdentity: [[CompiledPolicy]] = []
    /// The context of each caller's plain request, for policy variables in relaxed Resources.
    var baseContexts: [RequestContext] = []
    /// The actions each caller may be allowed on some resource, among `ReachActions.screened`.
    var screenedActions: [Set<String>] = []

    init(analyzer base: AccessAnalyzer) {
        analyzer = Self.withCompiledManagedPolicies(base)
        for account in analyzer.configuration.accounts { addConfigured(account) }
        addPrincipalsNamedInPolicies()
        relaxIdentityPolicies()
    }

    /// The analyzer with every attached managed policy compiled once, for identities and boundaries.
    private static func withCompiledManagedPolicies(_ base: AccessAnalyzer) -> AccessAnalyzer {
        var analyzer = base
        var seen = Set<PolicyCacheKey>()
        var notes: [String] = []
        for account in base.configuration.accounts {
            let identities = account.users.flatMap(\.policies) + account.groups.flatMap(\.policies) + account.accessRoles.flatMap(\.policies)
            let boundaries = account.users.compactMap(\.permissionsBoundary) + account.accessRoles.compactMap(\.permissionsBoundary)
            for (attachments, kind) in [(identities, PolicyKind.identity), (boundaries, .boundary)] {
                for attachment in attachments where seen.insert(PolicyCacheKey(arn: attachment.arn, kind: kind)).inserted {
                    if let policy = base.managed(attachment, kind: kind, via: nil, notes: &notes) {
                        analyzer.compiledManagedPolicies[PolicyCacheKey(arn: attachment.arn, kind: kind)] = policy
                    }
                }
            }
        }
        return analyzer
    }

    // MARK: - Principals

    private mutating func add(_ principal: ReachPrincipal, _ caller: AccessCaller) -> Int {
        let index = principals.count
        principals.append(principal)
        callers.append(caller)
        if indexByARN[principal.arn] == nil { indexByARN[principal.arn] = index }
        return index
    }

    private mutating func addConfigured(_ account: Account) {
        for user in account.users {
            let name = "\(account.name).user.\(user.name)"
            let caller = analyzer.userCaller(user, in: account, name: name, isMFAAuthenticated: false, notes: &notes)
            let index = add(
                ReachPrincipal(kind: .user, name: name, address: name, arn: caller.principal.arn, account: account.id), caller)
            users[index] = (account, user)
            membersByAccount[account.id, default: []].append(index)
        }
        let linked = account.serviceLinkedRoles.map { ($0.accessRole, "\(account.name).service_linked_role.\($0.addressName)") }
        for (role, address) in account.roles.map({ ($0, "\(account.name).role.\($0.name)") }) + linked {
            let name = role.displayName(in: account, asWritten: "\(account.name).role.\(role.name)")
            let caller = analyzer.roleCaller(
                role, in: account, name: name, sessionName: AccessAnalyzer.defaultSessionName, isMFAAuthenticated: false, notes: &notes)
            let arn = role.arn(in: account).description
            let index = add(ReachPrincipal(kind: .role, name: name, address: address, arn: arn, account: account.id), caller)
            roles[index] = (account, role)
            membersByAccount[account.id, default: []].append(index)
            let trust = NamedPolicy.make(role.trustPolicy, kind: .trust, name: "\(name) trust policy", notes: &notes)
            trustTargets[index] = AccessAnalyzer.ResourceTarget(account: account.id, policy: trust, isTrust: true)
        }
        let rootName = "\(account.name).root"
        _ = add(
            ReachPrincipal(kind: .accountRoot, name: rootName, arn: ARN.root(account: account.id).description, account: account.id),
            analyzer.rootCaller(account, name: rootName, isMFAAuthenticated: false))
        for provider in account.identityProviders {
            let name = "\(account.name).identity_provider.\(provider.name)"
            let arn = provider.arn(in: account)
            var caller = analyzer.externalCaller(Principal(kind: .federated, arn: arn, account: account.id))
            caller.name = name
            _ = add(ReachPrincipal(kind: .identityProvider, name: name, address: name, arn: arn, account: account.id), caller)
        }
    }

    /// Services, providers, outside accounts and principals, and `*`, as trust and bucket policies name them.
    private mutating func addPrincipalsNamedInPolicies() {
        var documents = trustTargets.keys.sorted().compactMap { trustTargets[$0]?.policy?.compiled.document }
        for account in analyzer.configuration.accounts {
            for bucket in account.buckets {
                guard let policy = bucket.policy else { continue }
                documents += [PolicyDocument.parse(policy.document, kind: .resource).document].compactMap { $0 }
            }
        }
        for document in documents {
            for statement in document.statements where statement.effect == .allow {
                guard let element = statement.principal, !element.isNegated else { continue }
                if element.isWildcard { addAnyone() }
                for entry in element.entries { addNamed(entry) }
            }
        }
    }

    private mutating func addNamed(_ entry: PrincipalEntry) {
        switch entry.type {
        case .aws:
            if entry.value == "*" { return addAnyone() }
            let account = AccountID.isValid(entry.value) ? entry.value : ARN(entry.value)?.account ?? ""
            guard AccountID.isValid(account), analyzer.configuration.account(id: account) == nil else { return }
            let isRoot = AccountID.isValid(entry.value) || ARN(entry.value)?.resource == "root"
            let arn = isRoot ? ARN.root(account: account).description : entry.value
            guard indexByARN[arn] == nil, let principal = Principal.parse(arn) else { return }
            var caller = analyzer.externalCaller(principal)
            caller.identityPolicies = Self.outsidePolicies(account)
            _ = add(ReachPrincipal(kind: isRoot ? .externalAccount : .externalPrincipal, name: arn, arn: arn, account: account), caller)
        case .service:
            guard entry.value != "*", indexByARN[entry.value] == nil else { return }
            _ = add(
                ReachPrincipal(kind: .service, name: entry.value, arn: entry.value),
                analyzer.externalCaller(Principal(kind: .service, arn: entry.value)))
        case .federated:
            guard indexByARN[entry.value] == nil else { return }
            let principal = Principal(kind: .federated, arn: entry.value, account: ARN(entry.value)?.account)
            _ = add(
                ReachPrincipal(kind: .identityProvider, name: entry.value, arn: entry.value, account: principal.account),
                analyzer.externalCaller(principal))
        case .canonicalUser:
            return
        }
    }

    /// `*` is asked as a user of an account the configuration does not have, whose own policies allow.
    private mutating func addAnyone() {
        guard indexByARN["*"] == nil else { return }
        var number = 0
        var account = "000000000000"
        while analyzer.configuration.account(id: account) != nil {
            number += 1
            let digits = String(number)
            account = String(repeating: "0", count: 12 - digits.count) + digits
        }
        var caller = analyzer.externalCaller(Principal(kind: .user, arn: "arn:aws:iam::\(account):user/anyone", account: account))
        caller.identityPolicies = Self.outsidePolicies(nil)
        caller.name = "*"
        _ = add(ReachPrincipal(kind: .anyone, name: "*", arn: "*", account: nil), caller)
    }

    /// Stands for the identity policies of an account iamconf does not see: they allow everything,
    /// so the answer is the resource side's, and the chain is marked with `ReachCondition.outsideAccount`.
    static func outsidePolicies(_ account: String?) -> [NamedPolicy] {
        guard let everything = AccessAnalyzer.allowEverything else { return [] }
        let name = account.map { "the own policies of account \($0) (assumed to allow)" } ?? "the caller's own policies (assumed to allow)"
        var policy = everything
        policy.id = name
        return [NamedPolicy(compiled: policy, name: name, via: nil, statementLocations: [])]
    }
}
