import IAMConfCore

/// Escalation through a service that runs code as a role the caller passes to it.
///
/// AWS lets a caller pass a role of its own account (iam:PassRole, with `iam:PassedToService`
/// set to the service) only to a service the role trusts; the service then acts as the role.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
extension EscalationFinder {
    func passRoleEdges(_ caller: Int) -> [EscalationEdge] {
        guard directory.mayAllowSomewhere(caller, "iam:PassRole"), let account = directory.principals[caller].account else { return [] }
        var out: [EscalationEdge] = []
        for method in EscalationMethod.allCases {
            guard let launch = method.serviceLaunch, let service = directory.indexByARN[launch.service],
                  directory.principals[service].kind == .service else { continue }
            let roles = graph.edges(from: service).map(\.toIndex).filter {
                $0 != caller && directory.principals[$0].account == account
            }
            guard !roles.isEmpty, let launched = launchGrants(caller, launch, account: account) else { continue }
            for role in roles {
                let arn = directory.principals[role].arn
                guard let pass = grant(caller, "iam:PassRole", on: arn, context: ["iam:PassedToService": [launch.service]]),
                      let profile = method == .passRoleToEC2 ? instanceProfileGrants(caller, role: role, account: account) : [],
                      let serviceHop = serviceAssumes(service, role, account: account)
                else { continue }
                out.append(EscalationEdge(
                    from: caller, to: role, method: method, subject: launch.service, grants: [pass] + launched + profile + [serviceHop],
                    in: directory))
            }
        }
        return out
    }

    /// One allowed request from each step of the launch, or nil when a step has none.
    private func launchGrants(_ caller: Int, _ launch: ServiceLaunch, account: String) -> [ReachStep]? {
        var grants: [ReachStep] = []
        for alternatives in launch.steps {
            let region = directory.analyzer.region
            guard let step = alternatives.lazy.compactMap({
                grant(caller, $0.action, on: $0.resource(region: region, account: account))
            }).first else { return nil }
            grants.append(step)
        }
        return grants
    }

    /// EC2 hands an instance the role of an instance profile: one that holds the role already needs
    /// nothing more; otherwise the caller must make one (CreateInstanceProfile, AddRoleToInstanceProfile).
    private func instanceProfileGrants(_ caller: Int, role: Int, account: String) -> [ReachStep]? {
        guard let (configured, role) = directory.roles[role] else { return nil }
        if configured.instanceProfiles.contains(where: { $0.role == role.name }) { return [] }
        let profile = "arn:aws:iam::\(account):instance-profile/*"
        guard let create = grant(caller, "iam:CreateInstanceProfile", on: profile),
              let add = grant(caller, "iam:AddRoleToInstanceProfile", on: profile) else { return nil }
        return [create, add]
    }

    /// The service assuming the role on the caller's behalf: `aws:SourceAccount` is the caller's account.
    private func serviceAssumes(_ service: Int, _ role: Int, account: String) -> ReachStep? {
        guard let target = directory.trustTargets[role] else { return nil }
        return directory.reach(
            service, action: "sts:AssumeRole", resource: directory.principals[role].arn, target: target,
            extra: ["aws:SourceAccount": [account], "sts:RoleSessionName": [AccessAnalyzer.defaultSessionName]])
    }
}
