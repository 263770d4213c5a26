import IAMConfCore

/// Turning the question's names into callers and roles, with their policies.
extension AccessAnalyzer {
    /// The caller a principal address or ARN names.
    func caller(named text: String, isMFAAuthenticated mfa: Bool, notes: inout [String]) throws(AccessError) -> AccessCaller {
        if text.hasPrefix("arn:") { return try caller(arn: text, isMFAAuthenticated: mfa, notes: &notes) }
        // An address first: `main.service_linked_role.autoscaling.amazonaws.com` also ends like a
        // service principal, and was taken for one (a caller named by its address, with no ARN).
        let address = Address(parsing: text)
        let account = address.flatMap { Self.callerKinds.contains($0.kind) ? configuration.accessAccount($0.account) : nil }
        if account == nil, text.hasSuffix(".amazonaws.com") || Principal.webIdentityProviders.contains(text), let principal = Principal.parse(text) {
            return externalCaller(principal)
        }
        guard let address, address.sub == nil, let account else {
            throw addressError(text, shape: "ACCOUNT.user.NAME, ACCOUNT.role.NAME or ACCOUNT.root")
        }
        switch (address.kind, address.name) {
        case let (.user, name?):
            guard let user = account.users.first(where: { $0.name == name }) else {
                throw unknown("user", name, in: account, known: account.users.map(\.name))
            }
            return userCaller(user, in: account, name: text, isMFAAuthenticated: mfa, notes: &notes)
        case let (.role, name?):
            guard let role = account.accessRoles.first(where: { $0.name == name }) else {
                throw unknown("role", name, in: account, known: account.accessRoles.map(\.name))
            }
            return roleCaller(
                role, in: account, name: role.displayName(in: account, asWritten: text), sessionName: Self.defaultSessionName,
                isMFAAuthenticated: mfa, notes: &notes)
        case let (.serviceLinkedRole, service?):
            guard let role = account.serviceLinkedRole(addressName: service) else {
                throw unknown("service_linked_role", service, in: account, known: account.accessRoles.compactMap(\.linkedService))
            }
            return roleCaller(
                role, in: account, name: role.displayName(in: account, asWritten: text), sessionName: Self.defaultSessionName,
                isMFAAuthenticated: mfa, notes: &notes)
        case (.root, nil):
            return rootCaller(account, name: text, isMFAAuthenticated: mfa)
        case let (.identityProvider, name?):
            guard let provider = account.identityProviders.first(where: { $0.name == name }) else {
                throw unknown("identity_provider", name, in: account, known: account.identityProviders.map(\.name))
            }
            var caller = externalCaller(Principal(kind: .federated, arn: provider.arn(in: account), account: account.id))
            caller.name = text
            return caller
        default:
            throw addressError(text, shape: "ACCOUNT.user.NAME, ACCOUNT.role.NAME or ACCOUNT.root")
        }
    }

    /// The address kinds that name a caller.
    static let callerKinds: Set<Address.Kind> = [.user, .role, .serviceLinkedRole, .root, .identityProvider]

    private func caller(arn text: String, isMFAAuthenticated mfa: Bool, notes: inout [String]) throws(AccessError) -> AccessCaller {
        guard let arn = ARN(text), let principal = Principal.parse(text) else {
            throw AccessError(
                "invalid-arn", "'\(text)' is not a principal ARN",
                hint: "give a user, role, assumed-role or root ARN (arn:aws:iam::123456789012:user/NAME), or an address like source.user.alice")
        }
        switch principal.kind {
        case .user where arn.service == "iam":
            guard let (account, user) = configuration.user(arn: arn) else { throw unknownARN(text, kind: "user") }
            return userCaller(user, in: account, name: "\(account.name).user.\(user.name)", isMFAAuthenticated: mfa, notes: &notes)
        case .roleSession:
            let roleARN = principal.roleARN.flatMap(ARN.init) ?? arn
            guard let (account, role) = configuration.role(arn: roleARN) ?? roleByName(roleARN) else {
                throw unknownARN(text, kind: "role")
            }
            let session = arn.service == "sts" ? String(arn.resource.split(separator: "/").last ?? "") : Self.defaultSessionName
            return roleCaller(
                role, in: account, name: role.displayName(in: account, asWritten: "\(account.name).role.\(role.name)"),
                sessionName: session, isMFAAuthenticated: mfa, notes: &notes)
        case .root:
            guard let account = configuration.account(id: arn.account) else { throw unknownARN(text, kind: "account") }
            return rootCaller(account, name: "\(account.name).root", isMFAAuthenticated: mfa)
        case .federated:
            return externalCaller(principal)
        default:
            throw AccessError(
                "unsupported-principal", "'\(text)' is not a principal iamconf can evaluate",
                hint: "give an IAM user, role, assumed-role session or account root of the configuration")
        }
    }

    /// An assumed-role ARN carries no path: find the role by name in its account.
    private func roleByName(_ arn: ARN) -> (Account, Role)? {
        guard let account = configuration.account(id: arn.account), let name = arn.resource.split(separator: "/").last else { return nil }
        return account.accessRoles.first { $0.name == name }.map { (account, $0) }
    }

    /// A role named in `assume`: its account, the role and the name as written.
    func role(named text: String) throws(AccessError) -> (Account, Role, String) {
        if text.hasPrefix("arn:") {
            guard let arn = ARN(text), arn.service == "iam", arn.resource.hasPrefix("role/") else {
                throw AccessError("invalid-arn", "'\(text)' is not a role ARN", hint: "give arn:aws:iam::123456789012:role/NAME or an address like target.role.S3Access")
            }
            guard let (account, role) = configuration.role(arn: arn) else { throw unknownARN(text, kind: "role") }
            return (account, role, role.displayName(in: account, asWritten: "\(account.name).role.\(role.name)"))
        }
        guard let address = Address(parsing: text), [.role, .serviceLinkedRole].contains(address.kind), address.sub == nil,
              let name = address.name, let account = configuration.accessAccount(address.account) else {
            throw addressError(text, shape: "ACCOUNT.role.NAME")
        }
        let found = address.kind == .role ? account.accessRoles.first { $0.name == name } : account.serviceLinkedRole(addressName: name)
        guard let role = found else {
            let known = address.kind == .role ? account.accessRoles.map(\.name) : account.accessRoles.compactMap(\.linkedService)
            throw unknown(address.kind.rawValue, name, in: account, known: known)
        }
        return (account, role, role.displayName(in: account, asWritten: text))
    }

    func userCaller(_ user: User, in account: Account, name: String, isMFAAuthenticated mfa: Bool, notes: inout [String]) -> AccessCaller {
        let arn = user.arn(in: account).description
        var identity = user.inlinePolicies.compactMap {
            NamedPolicy.make($0.document, kind: .identity, name: "\(account.name).user.\(user.name).inline[\($0.name)]", notes: &notes)
        }
        identity += user.policies.compactMap { managed($0, kind: .identity, via: nil, notes: &notes) }
        for groupName in user.groups {
            guard let group = account.groups.first(where: { $0.name == groupName }) else { continue }
            identity += group.inlinePolicies.compactMap {
                NamedPolicy.make($0.document, kind: .identity, name: "\(account.name).group.\(group.name).inline[\($0.name)]", notes: &notes)
            }
            identity += group.policies.compactMap { managed($0, kind: .identity, via: "group \(group.name)", notes: &notes) }
        }
        let boundary = user.permissionsBoundary.flatMap { managed($0, kind: .boundary, via: "permissions boundary", notes: &notes) }
        var caller = AccessCaller(
            principal: Principal(kind: .user, arn: arn, account: account.id), name: name, userName: user.name,
            userID: principalIDs[arn] ?? StandInID.make(prefix: "AIDA", for: arn), tags: user.tags,
            identityPolicies: identity, permissionsBoundaries: boundary.map { [$0] } ?? [], isTemporary: mfa,
            isMFAAuthenticated: mfa)
        caller.serviceControlPolicies = serviceControlPolicies(for: account, role: nil, notes: &notes)
        return caller
    }

    /// The caller after assuming `role`: a session with the role's permissions.
    func session(of role: Role, in account: Account, sessionName: String, from caller: AccessCaller, notes: inout [String]) -> AccessCaller {
        roleCaller(
            role, in: account, name: role.displayName(in: account, asWritten: "\(account.name).role.\(role.name)"), sessionName: sessionName,
            isMFAAuthenticated: caller.isMFAAuthenticated, notes: &notes)
    }

    func roleCaller(
        _ role: Role, in account: Account, name: String, sessionName: String, isMFAAuthenticated mfa: Bool, notes: inout [String]
    ) -> AccessCaller {
        let roleARN = role.arn(in: account).description
        if let note = role.unknownPermissionsNote(in: account), !notes.contains(note) { notes.append(note) }
        var identity = role.inlinePolicies.compactMap {
            NamedPolicy.make($0.document, kind: .identity, name: "\(account.name).role.\(role.name).inline[\($0.name)]", notes: &notes)
        }
        identity += role.policies.compactMap { managed($0, kind: .identity, via: nil, notes: &notes) }
        let boundary = role.permissionsBoundary.flatMap { managed($0, kind: .boundary, via: "permissions boundary", notes: &notes) }
        let sessionARN = "arn:aws:sts::\(account.id):assumed-role/\(role.name)/\(sessionName)"
        let roleID = principalIDs[roleARN] ?? StandInID.make(prefix: "AROA", for: roleARN)
        var caller = AccessCaller(
            principal: Principal(kind: .roleSession, arn: sessionARN, account: account.id, roleARN: roleARN), name: name,
            userName: nil, userID: "\(roleID):\(sessionName)", tags: role.tags, identityPolicies: identity,
            permissionsBoundaries: boundary.map { [$0] } ?? [], isTemporary: true, isMFAAuthenticated: mfa)
        caller.serviceControlPolicies = serviceControlPolicies(for: account, role: role, notes: &notes)
        return caller
    }

    func rootCaller(_ account: Account, name: String, isMFAAuthenticated mfa: Bool) -> AccessCaller {
        let arn = ARN.root(account: account.id).description
        var caller = AccessCaller(
            principal: Principal(kind: .root, arn: arn, account: account.id), name: name, userName: nil, userID: account.id,
            tags: [], identityPolicies: [], permissionsBoundaries: [], isTemporary: mfa, isMFAAuthenticated: mfa)
        // A member account's root user is restricted by SCPs too.
        var notes: [String] = []
        caller.serviceControlPolicies = serviceControlPolicies(for: account, role: nil, notes: &notes)
        return caller
    }

    /// A caller outside IAM (an AWS service, a web identity or SAML provider): no identity
    /// policies apply, only the resource policy (a role's trust policy) can let it in.
    func externalCaller(_ principal: Principal) -> AccessCaller {
        AccessCaller(
            principal: principal, name: principal.arn, userName: nil, userID: principal.arn, tags: [], identityPolicies: [],
            permissionsBoundaries: [], isTemporary: false, isMFAAuthenticated: false)
    }

    /// An attached managed policy: the AWS managed catalog first, then the configuration's own.
    func managed(_ attachment: PolicyAttachment, kind: PolicyKind, via: String?, notes: inout [String]) -> NamedPolicy? {
        if var cached = compiledManagedPolicies[PolicyCacheKey(arn: attachment.arn, kind: kind)] {
            cached.via = via
            cached.compiled.id = via.map { "\(cached.name) (\($0))" } ?? cached.name
            return cached
        }
        if let aws = catalog.policy(arn: attachment.arn) {
            return NamedPolicy.make(PolicySource(document: aws.document), kind: kind, name: "AWS managed \(aws.name)", via: via, notes: &notes)
        }
        if let (account, policy) = configuration.customerManagedPolicy(arn: attachment.arn) {
            return NamedPolicy.make(policy.document, kind: kind, name: "\(account.name).policy.\(policy.name)", via: via, notes: &notes)
        }
        notes.append("managed policy \(attachment.arn) is neither in the configuration nor in iamconf's AWS managed catalog; it was left out")
        return nil
    }

    private func addressError(_ text: String, shape: String) -> AccessError {
        let accounts = configuration.accounts.map(\.name).joined(separator: ", ")
        return AccessError(
            "invalid-address", "'\(text)' is not an address like \(shape) of a configured account",
            hint: "accounts in this configuration: \(accounts.isEmpty ? "none" : accounts); an ARN works too")
    }

    private func unknown(_ kind: String, _ name: String, in account: Account, known: [String]) -> AccessError {
        let hint = NameSuggestion.closest(to: name, in: known).map { "did you mean \(account.name).\(kind).\($0)?" }
            ?? (known.isEmpty ? "account \(account.name) has no \(kind)s" : "\(kind)s in \(account.name): \(known.sorted().prefix(10).joined(separator: ", "))")
        return AccessError("unknown-\(String(kind.map { $0 == "_" ? "-" : $0 }))", "account \(account.name) has no \(kind) named '\(name)'", hint: hint)
    }

    private func unknownARN(_ text: String, kind: String) -> AccessError {
        AccessError(
            "unknown-\(kind == "account" ? "principal" : kind)", "no \(kind) with ARN \(text) in the configuration",
            hint: "check the account id, path and name; `iamconf validate` lists what the configuration defines")
    }
}

extension IdentityProvider {
    /// `arn:aws:iam::ACCT:oidc-provider/HOST/PATH` (the URL without its scheme) or `saml-provider/NAME`.
    func arn(in account: Account) -> String {
        switch kind {
        case let .oidc(url, _, _):
            let host = url.hasPrefix("https://") ? String(url.dropFirst(8)) : url
            return "arn:aws:iam::\(account.id):oidc-provider/\(host)"
        case .saml:
            return "arn:aws:iam::\(account.id):saml-provider/\(name)"
        }
    }
}
