import IAMConfCore

/// Escalation by changing what a principal's own policies say: inline and attached policies of
/// itself, its groups and the roles it can assume, the versions of its customer managed policies,
/// its group memberships and its permissions boundary.
extension EscalationFinder {
    /// Put*Policy / Attach*Policy (with AdministratorAccess) on itself, its groups and the roles of
    /// its account it can assume; CreatePolicyVersion / SetDefaultPolicyVersion on its customer
    /// managed policies.
    func policyEdges(_ caller: Int) -> [EscalationEdge] {
        let attach = ["iam:PolicyARN": [AdministratorEquivalence.administratorPolicyARN]]
        var out: [EscalationEdge] = []
        func add(_ method: EscalationMethod, on resource: String, context: [String: [String]] = [:], subject: String? = nil, then more: [ReachStep] = []) {
            guard let step = grant(caller, method.title, on: resource, context: context) else { return }
            out.append(EscalationEdge(from: caller, to: nil, method: method, subject: subject, grants: [step] + more, in: directory))
        }
        var attachments: [PolicyAttachment] = []
        if let (account, user) = directory.users[caller] {
            add(.putUserPolicy, on: selfARN(caller))
            add(.attachUserPolicy, on: selfARN(caller), context: attach)
            attachments += user.policies
            for group in groups(of: user, in: account) {
                let arn = ARN.iam(account: account.id, type: "group", path: group.path, name: group.name).description
                add(.putGroupPolicy, on: arn, subject: "group \(group.name)")
                add(.attachGroupPolicy, on: arn, context: attach, subject: "group \(group.name)")
                attachments += group.policies
            }
        } else if let (_, role) = directory.roles[caller] {
            add(.putRolePolicy, on: selfARN(caller))
            add(.attachRolePolicy, on: selfARN(caller), context: attach)
            attachments += role.policies
        }
        for edge in graph.edges(from: caller) where edge.to.kind == .role && edge.to.account == directory.principals[caller].account {
            guard directory.roles[edge.toIndex]?.role.linkedService == nil else { continue }
            add(.putRolePolicy, on: edge.to.arn, subject: "role \(edge.to.name), then assume it", then: [edge.hop])
            add(.attachRolePolicy, on: edge.to.arn, context: attach, subject: "role \(edge.to.name), then assume it", then: [edge.hop])
        }
        var seen = Set<String>()
        for attachment in attachments where !attachment.isAWSManaged && seen.insert(attachment.arn).inserted {
            add(.createPolicyVersion, on: attachment.arn, subject: "policy \(attachment.name)")
            if let step = grant(caller, EscalationMethod.setDefaultPolicyVersion.title, on: attachment.arn) {
                var conditional = step
                conditional.conditions = step.conditions.merged(with: [.otherPolicyVersion(attachment.name)])
                out.append(EscalationEdge(
                    from: caller, to: nil, method: .setDefaultPolicyVersion, subject: "policy \(attachment.name)", grants: [conditional],
                    in: directory))
            }
        }
        return out
    }

    func groups(of user: User, in account: Account) -> [Group] {
        user.groups.compactMap { name in account.groups.first { $0.name == name } }
    }

    /// AddUserToGroup on a group of its account whose policies, added to its own, make it an administrator.
    func groupEdges(_ caller: Int) -> [EscalationEdge] {
        guard let (account, user) = directory.users[caller], directory.mayAllowSomewhere(caller, "iam:AddUserToGroup") else { return [] }
        var out: [EscalationEdge] = []
        for group in account.groups where !user.groups.contains(group.name) {
            let arn = ARN.iam(account: account.id, type: "group", path: group.path, name: group.name).description
            guard let add = grant(caller, "iam:AddUserToGroup", on: arn) else { continue }
            var member = directory.callers[caller]
            member.identityPolicies += policies(of: group, in: account)
            guard let after = grant(caller, AdministratorEquivalence.action, on: AdministratorEquivalence.resource, as: member) else { continue }
            out.append(EscalationEdge(from: caller, to: nil, method: .addUserToGroup, subject: "group \(group.name)", grants: [add, after], in: directory))
        }
        return out
    }

    private func policies(of group: Group, in account: Account) -> [NamedPolicy] {
        var notes: [String] = []
        let inline = group.inlinePolicies.compactMap {
            NamedPolicy.make($0.document, kind: .identity, name: "\(account.name).group.\(group.name).inline[\($0.name)]", notes: &notes)
        }
        return inline + group.policies.compactMap { directory.analyzer.managed($0, kind: .identity, via: "group \(group.name)", notes: &notes) }
    }

    /// Delete*PermissionsBoundary, or Put*PermissionsBoundary with AdministratorAccess, on itself,
    /// when without its boundary it is an administrator or may rewrite its own inline policies.
    func boundaryEdges(_ caller: Int) -> [EscalationEdge] {
        let isUser = directory.users[caller] != nil
        let bounded = isUser ? directory.users[caller]?.user.permissionsBoundary : directory.roles[caller]?.role.permissionsBoundary
        let delete: EscalationMethod = isUser ? .deleteUserPermissionsBoundary : .deleteRolePermissionsBoundary
        let put: EscalationMethod = isUser ? .putUserPermissionsBoundary : .putRolePermissionsBoundary
        guard bounded != nil, [delete, put].contains(where: { directory.mayAllowSomewhere(caller, $0.title) }) else { return [] }
        var unbounded = directory.callers[caller]
        unbounded.permissionsBoundaries = []
        let putOwn = isUser ? EscalationMethod.putUserPolicy : .putRolePolicy
        guard let after = grant(caller, AdministratorEquivalence.action, on: AdministratorEquivalence.resource, as: unbounded)
            ?? grant(caller, putOwn.title, on: selfARN(caller), as: unbounded)
        else { return [] }
        var out: [EscalationEdge] = []
        if let step = grant(caller, delete.title, on: selfARN(caller)) {
            out.append(EscalationEdge(from: caller, to: nil, method: delete, grants: [step, after], in: directory))
        }
        let boundary = ["iam:PermissionsBoundary": [AdministratorEquivalence.administratorPolicyARN]]
        if let step = grant(caller, put.title, on: selfARN(caller), context: boundary) {
            out.append(EscalationEdge(from: caller, to: nil, method: put, grants: [step, after], in: directory))
        }
        return out
    }
}
