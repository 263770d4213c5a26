import IAMConfCore

/// A principal of a configuration together with everything that decides its identity-based access.
struct AccessSubject: Sendable {
    var ref: PrincipalRef
    var principal: Principal
    var facts: FactKeys
    /// The facts as request context (`aws:username`, `aws:PrincipalArn`, `aws:PrincipalTag/*`, ...).
    var context: RequestContext
    var identity: [PolicyEntry]
    var boundary: PolicyEntry?
    var notes: [String] = []
    /// The SCPs that restrict the principal, one list per level (root, units, account).
    var serviceControl: [[PolicyEntry]] = []

    /// Whether `other` is the same principal with the same facts (ARN, tags, ...), so only its
    /// policies can make a difference.
    func hasSameFacts(as other: AccessSubject) -> Bool {
        principal == other.principal && context == other.context && (boundary == nil) == (other.boundary == nil)
            && serviceControl == other.serviceControl
    }
}

/// One policy that applies to a principal, named as answers name it, with its document.
struct PolicyEntry: Sendable, Hashable {
    /// Unique within one configuration: an inline policy's address, a managed policy's ARN.
    var id: String
    var name: String
    var document: JSONValue
    /// Where it came from for a principal (`group developers`); nil when attached directly.
    var via: String?
}

extension AccessSubject {
    /// A configured user: its inline and attached policies and its groups', and its boundary.
    static func user(_ user: User, in account: Account, policies: PolicySources) -> AccessSubject {
        let arn = user.arn(in: account).description
        var notes: [String] = []
        var identity = user.inlinePolicies.map {
            PolicyEntry(id: "\(account.name).user.\(user.name).inline[\($0.name)]", name: "\(account.name).user.\(user.name).inline[\($0.name)]", document: $0.document.document)
        }
        identity += user.policies.compactMap { policies.managed($0, via: nil, notes: &notes) }
        for groupName in user.groups {
            guard let group = account.groups.first(where: { $0.name == groupName }) else { continue }
            identity += groupPolicies(group, in: account, policies: policies, notes: &notes)
        }
        var context = RequestContext()
        context.set("aws:username", [user.name], type: .string)
        context.set("aws:userid", [StandInID.make(prefix: "AIDA", for: arn)], type: .string)
        addCommonFacts(arn: arn, account: account, type: "User", tags: user.tags, to: &context)
        var subject = AccessSubject(
            ref: PrincipalRef(kind: .user, name: "\(account.name).user.\(user.name)", arn: arn),
            principal: Principal(kind: .user, arn: arn, account: account.id), facts: .user, context: context,
            identity: identity, boundary: user.permissionsBoundary.flatMap { policies.managed($0, via: "permissions boundary", notes: &notes) },
            notes: notes)
        subject.serviceControl = policies.serviceControlLevels(for: account, role: nil)
        return subject
    }

    /// A configured role, as its sessions act.
    static func role(_ role: Role, in account: Account, policies: PolicySources) -> AccessSubject {
        let arn = role.arn(in: account).description
        var notes: [String] = []
        if let note = role.unknownPermissionsNote(in: account) { notes.append(note) }
        var identity = role.inlinePolicies.map {
            PolicyEntry(id: "\(account.name).role.\(role.name).inline[\($0.name)]", name: "\(account.name).role.\(role.name).inline[\($0.name)]", document: $0.document.document)
        }
        identity += role.policies.compactMap { policies.managed($0, via: nil, notes: &notes) }
        var context = RequestContext()
        addCommonFacts(arn: arn, account: account, type: "AssumedRole", tags: role.tags, to: &context)
        let session = Principal.session(ofRole: arn, sessionName: "iamconf-access")
            ?? Principal(kind: .roleSession, arn: arn, account: account.id, roleARN: arn)
        var subject = AccessSubject(
            ref: PrincipalRef(kind: .role, name: role.displayName(in: account, asWritten: "\(account.name).role.\(role.name)"), arn: arn),
            principal: session, facts: .role, context: context, identity: identity,
            boundary: role.permissionsBoundary.flatMap { policies.managed($0, via: "permissions boundary", notes: &notes) },
            notes: notes)
        subject.serviceControl = policies.serviceControlLevels(for: account, role: role)
        return subject
    }

    /// A group: what its policies give every member (members' own policies, boundaries and facts
    /// are not known here, so conditions on the member are reported, not decided).
    static func group(_ group: Group, in account: Account, policies: PolicySources) -> AccessSubject {
        var notes: [String] = []
        let identity = groupPolicies(group, in: account, policies: policies, notes: &notes)
        let arn = ARN.iam(account: account.id, type: "group", path: group.path, name: group.name).description
        let stand = "arn:aws:iam::\(account.id):user/iamconf-group-member"
        // Every member is a user of the group's account: that account's SCPs restrict them all.
        var subject = AccessSubject(
            ref: PrincipalRef(kind: .group, name: "\(account.name).group.\(group.name)", arn: arn),
            principal: Principal(kind: .user, arn: stand, account: account.id), facts: .none, context: RequestContext(),
            identity: identity, boundary: nil, notes: notes)
        subject.serviceControl = policies.serviceControlLevels(for: account, role: nil)
        return subject
    }

    private static func groupPolicies(_ group: Group, in account: Account, policies: PolicySources, notes: inout [String]) -> [PolicyEntry] {
        var entries = group.inlinePolicies.map {
            PolicyEntry(
                id: "\(account.name).group.\(group.name).inline[\($0.name)]", name: "\(account.name).group.\(group.name).inline[\($0.name)]",
                document: $0.document.document, via: "group \(group.name)")
        }
        entries += group.policies.compactMap { policies.managed($0, via: "group \(group.name)", notes: &notes) }
        return entries
    }

    private static func addCommonFacts(arn: String, account: Account, type: String, tags: [Tag], to context: inout RequestContext) {
        context.set("aws:PrincipalArn", [arn], type: .string)
        context.set("aws:PrincipalAccount", [account.id], type: .string)
        context.set("aws:PrincipalType", [type], type: .string)
        context.set("aws:PrincipalIsAWSService", ["false"], type: .boolean)
        for tag in tags { context.set("aws:PrincipalTag/\(tag.key)", [tag.value], type: .string) }
    }
}

/// Where attached managed policies' documents come from: AWS's catalog, then the configuration.
/// Each ARN is looked up once (a reference type, so every subject of one computation shares it).
final class PolicySources {
    let configuration: Configuration
    let catalog: ManagedPolicyCatalog
    private var entries: [String: PolicyEntry?] = [:]
    private var customer: [String: (Account, ManagedPolicy)]?

    init(configuration: Configuration, catalog: ManagedPolicyCatalog) {
        self.configuration = configuration
        self.catalog = catalog
    }

    func managed(_ attachment: PolicyAttachment, via: String?, notes: inout [String]) -> PolicyEntry? {
        let found: PolicyEntry?
        if let known = entries[attachment.arn] {
            found = known
        } else {
            found = lookUp(attachment.arn)
            entries[attachment.arn] = .some(found)
        }
        guard var entry = found else {
            notes.append("managed policy \(attachment.arn) is neither in the configuration nor in iamconf's AWS managed catalog; it was left out")
            return nil
        }
        entry.via = via
        return entry
    }

    private func lookUp(_ arn: String) -> PolicyEntry? {
        if let aws = catalog.policy(arn: arn) { return PolicyEntry(id: arn, name: "AWS managed \(aws.name)", document: .null) }
        if customer == nil {
            var table: [String: (Account, ManagedPolicy)] = [:]
            for account in configuration.accounts {
                for policy in account.policies { table[ARN.iam(account: account.id, type: "policy", path: policy.path, name: policy.name).description] = (account, policy) }
            }
            customer = table
        }
        guard let (account, policy) = customer?[arn] else { return nil }
        return PolicyEntry(id: arn, name: "\(account.name).policy.\(policy.name)", document: policy.document.document)
    }

    /// AWS managed documents are read from the catalog only when a split is first made (`.null` here).
    func isAWSManaged(_ entry: PolicyEntry) -> Bool { entry.document == .null && entry.id.hasPrefix("arn:aws:iam::aws:policy/") }
}
