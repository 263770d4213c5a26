import IAMConfCore

/// Service-linked roles as access questions see them: roles like any other, named and shaped the
/// way AWS makes them, with the permissions AWS gives them.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
extension Account {
    /// The configured roles and the roles AWS creates for `service_linked_roles:`. A world read back
    /// from a backend already lists its service-linked roles among `roles`, with what is attached.
    var accessRoles: [Role] {
        serviceLinkedRoles.isEmpty ? roles : roles + serviceLinkedRoles.map(\.accessRole)
    }

    /// The service-linked role an address names: `ACCOUNT.service_linked_role.SERVICE`, or
    /// `…SERVICE_SUFFIX` for one made with a custom suffix (`ServiceLinkedRole.addressName`).
    func serviceLinkedRole(addressName name: String) -> Role? {
        let linked = accessRoles.filter { $0.linkedService != nil }
        func named(_ service: String, _ suffix: String?) -> Role? {
            linked.first { $0.linkedService == service && $0.name == ServiceLinkedRoleName.of(service: service, suffix: suffix) }
        }
        if let role = named(name, nil) { return role }
        if let cut = name.firstIndex(of: "_"), let role = named(String(name[..<cut]), String(name[name.index(after: cut)...])) {
            return role
        }
        // A role whose name iamconf would not have given it (read back from a backend): by service.
        return linked.first { $0.linkedService == name }
    }
}

extension ServiceLinkedRole {
    /// What CreateServiceLinkedRole makes: `AWSServiceRoleFor…` under `/aws-service-role/SERVICE/`,
    /// trusting only the service, with the service's policy attached when iamconf knows it.
    var accessRole: Role {
        let trust = JSONValue.object([
            ("Version", .string("2012-10-17")),
            ("Statement", .array([.object([
                ("Effect", .string("Allow")), ("Principal", .object([("Service", .string(service))])),
                ("Action", .string("sts:AssumeRole")),
            ])])),
        ])
        var role = Role(name: ServiceLinkedRoleName.of(service: service, suffix: customSuffix), trustPolicy: PolicySource(document: trust), location: location)
        role.path = "/aws-service-role/\(service)/"
        role.description = description
        role.linkedService = service
        if let arn = ServiceLinkedRolePolicy.arn(forService: service) {
            let name = String(arn.dropFirst(ServiceLinkedRolePolicy.arnPrefix.count))
            role.policies = [PolicyAttachment(arn: arn, name: name, isAWSManaged: true, location: location)]
        }
        return role
    }
}

extension Role {
    /// How an answer names the role: its address as written, except a service-linked role, whose
    /// address is iamconf's own invention: AWS (and the user reading CloudTrail) knows it by its ARN.
    func displayName(in account: Account, asWritten text: String) -> String {
        linkedService == nil ? text : arn(in: account).description
    }

    /// A note when the role is a service-linked role whose permissions iamconf does not know: AWS
    /// attaches its service's own policy, and this service is not in iamconf's table, so the answer
    /// leaves out permissions the role really has.
    func unknownPermissionsNote(in account: Account) -> String? {
        guard let service = linkedService, ServiceLinkedRolePolicy.arn(forService: service) == nil else { return nil }
        return "the permissions of service-linked role \(arn(in: account)) are unknown to iamconf: AWS gives it "
            + "\(service)'s own policy, which iamconf does not know; the answer counts none of them"
    }
}
