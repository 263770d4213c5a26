import IAMConfCore

/// Service control policies: which apply to a caller, and what they say about one request.
///
/// AWS's rules (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html,
/// "Tests and effects on permissions"): SCPs restrict the IAM users and roles of member accounts,
/// including the member account's root user; they do not restrict principals of the management
/// account, nor service-linked roles; they grant nothing. They restrict the *principal* of the
/// request, so a principal of account A acting on a resource of account B is restricted by A's
/// SCPs, not B's (restricting outsiders' access to B's resources is what resource control policies
/// are for, which iamconf does not model). A role session is a principal of the role's account.
/// Every level from the root down to the account must allow (`FullAWSAccess` is attached to each
/// by default); an explicit deny at any level denies.
/// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
extension AccessAnalyzer {
    /// The SCP levels (root, units, account) that restrict a principal of `account`; `role` is the
    /// role of a session (service-linked roles are exempt).
    func serviceControlPolicies(for account: Account, role: Role?, notes: inout [String]) -> [AccessCaller.SCPLevel] {
        guard let organization = configuration.organization else { return [] }
        if let role, role.linkedService != nil || role.path.hasPrefix("/aws-service-role/") { return [] }
        guard let levels = organization.serviceControlLevels(forAccount: account.name) else { return [] }
        return levels.map { level in
            let target = level.target.description
            // A document that does not compile leaves its level without it (with a note): the level
            // then refuses what only that SCP allowed, the safe side for a guardrail.
            return AccessCaller.SCPLevel(target: target, policies: level.policies.compactMap { name in
                guard let policy = organization.policy(named: name) else { return nil }
                return NamedPolicy.make(policy.document, kind: .scp, name: "service control policy \(name)", via: "attached to \(target)", notes: &notes)
            })
        }
    }

    /// What the caller's SCPs say about a request, from the whole decision; nil when none apply.
    func serviceControlVerdict(_ full: Decision, request: AccessRequest, caller: AccessCaller, directory: PolicyDirectory) -> AccessStep.ServiceControlVerdict? {
        guard !caller.serviceControlPolicies.isEmpty, full.allowedByOrganizations != nil else { return nil }
        let denies = directory.reasons(full.allMatchedStatements.filter { $0.policyType == .serviceControl && $0.effect == .deny })
        var refusing: [String] = []
        if full.allowedByOrganizations == false {
            // Which levels do not allow: each asked alone, with an identity side that allows everything.
            for level in caller.serviceControlPolicies {
                var alone = request
                alone.identityPolicies = Self.allowEverything.map { [$0] } ?? []
                alone.permissionsBoundaries = []
                alone.sessionPolicies = []
                alone.resourcePolicy = nil
                alone.resourceAccount = nil
                alone.serviceControlPolicies = [level.policies.map(\.compiled)]
                if PolicyEvaluator.evaluate(alone).allowedByOrganizations == false { refusing.append(level.target) }
            }
        }
        return AccessStep.ServiceControlVerdict(
            isAllowed: denies.isEmpty && full.allowedByOrganizations != false, denies: denies, refusingTargets: refusing)
    }
}

extension AccessStep {
    /// What the caller's service control policies say on their own.
    public struct ServiceControlVerdict: Sendable, Hashable {
        public var isAllowed: Bool
        /// The SCP Deny statements that match the request.
        public var denies: [AccessReason]
        /// Where no attached SCP allows the request (`root`, `ou/Workloads`, `account/target`).
        public var refusingTargets: [String]

        public init(isAllowed: Bool, denies: [AccessReason], refusingTargets: [String]) {
            self.isAllowed = isAllowed
            self.denies = denies
            self.refusingTargets = refusingTargets
        }

        public var isExplicitDeny: Bool { !denies.isEmpty }

        /// One line per refusal: `denied by service control policy X (attached to ou/Y) statement 0 ...`
        /// or `no service control policy attached to ou/Y allows iam:CreateUser`.
        func lines(action: String) -> [String] {
            denies.map { "denied by \($0.text)" } + refusingTargets.map { "no service control policy attached to \($0) allows \(action)" }
        }

        var json: JSONValue {
            .object([
                ("allowed", .bool(isAllowed)),
                ("explicitDeny", .bool(isExplicitDeny)),
                ("denies", .array(denies.map(\.json))),
                ("refusingTargets", .array(refusingTargets.map(JSONValue.string))),
            ])
        }
    }
}
