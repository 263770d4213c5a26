import IAMConfCore
import IAMConfBackend

extension ConformanceCases {
    static var roles: [ConformanceCase] {
        [
            ConformanceCase("role: create, read, update, delete", steps: [
                .ok({ c in
                    .createRole(
                        name: c.name("app"), path: "/svc/", trustPolicy: ConformanceDocuments.trustEC2, description: "An app role",
                        maxSessionDuration: 7200, tags: [Tag(key: "env", value: "test")], permissionsBoundary: nil)
                }, check: ConformanceChecks.arn { "arn:aws:iam::\($0.account):role/svc/\($0.name("app"))" }),
                .ok({ c in .getRole(name: c.name("app")) }, check: ConformanceChecks.all(
                    ConformanceChecks.attribute("path") { _ in .string("/svc/") },
                    ConformanceChecks.attribute("description") { _ in .string("An app role") },
                    ConformanceChecks.attribute("max_session_duration") { _ in .number("7200") })),
                .ok { c in .updateRole(name: c.name("app"), description: "Changed", maxSessionDuration: 43200) },
                .ok({ c in .getRole(name: c.name("app")) }, check: ConformanceChecks.all(
                    ConformanceChecks.attribute("description") { _ in .string("Changed") },
                    ConformanceChecks.attribute("max_session_duration") { _ in .number("43200") })),
                .ok { c in .updateAssumeRolePolicy(roleName: c.name("app"), policyDocument: ConformanceDocuments.trustLambda) },
                .fails(.malformedPolicyDocument) { c in .updateAssumeRolePolicy(roleName: c.name("app"), policyDocument: "{nope") },
                .ok { c in .tagRole(name: c.name("app"), tags: [Tag(key: "owner", value: "me")]) },
                .ok { c in .untagRole(name: c.name("app"), keys: ["env"]) },
                .ok({ c in .getRole(name: c.name("app")) }, check: ConformanceChecks.attribute("tags") { _ in .tags(["owner": "me"]) }),
                .ok { c in .deleteRole(name: c.name("app")) },
                .fails(.noSuchEntity) { c in .getRole(name: c.name("app")) },
                .fails(.noSuchEntity) { c in .deleteRole(name: c.name("app")) },
            ]),
            ConformanceCase("role: duplicate names, also differing in case", knownDeviations: ["endpoint": MotoDeviation.caseSensitiveNames], steps: [
                .createRole("twin"),
                .fails(.entityAlreadyExists) { c in
                    .createRole(name: c.name("twin"), path: "/", trustPolicy: ConformanceDocuments.trustEC2, description: nil,
                                maxSessionDuration: 3600, tags: [], permissionsBoundary: nil)
                },
                .fails(.entityAlreadyExists) { c in
                    .createRole(name: c.name("twin").uppercased(), path: "/", trustPolicy: ConformanceDocuments.trustEC2, description: nil,
                                maxSessionDuration: 3600, tags: [], permissionsBoundary: nil)
                },
                .cleanup { c in .deleteRole(name: c.name("twin").uppercased()) },
                .deleteRole("twin"),
            ]),
            ConformanceCase("role: malformed trust policy is refused", knownDeviations: ["endpoint": MotoDeviation.trustNotValidated], steps: [
                .fails(.malformedPolicyDocument) { c in
                    .createRole(name: c.name("badtrust"), path: "/", trustPolicy: "not json", description: nil,
                                maxSessionDuration: 3600, tags: [], permissionsBoundary: nil)
                },
                .deleteRole("badtrust"),
            ]),
            ConformanceCase("role: trust policy updates are validated", steps: [
                .createRole("trusting"),
                .fails(.malformedPolicyDocument) { c in
                    .updateAssumeRolePolicy(roleName: c.name("trusting"), policyDocument: ConformanceDocuments.allowS3Read)
                },
                .fails(.malformedPolicyDocument) { c in
                    .updateAssumeRolePolicy(
                        roleName: c.name("trusting"),
                        policyDocument: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"s3:GetObject"}]}"#)
                },
                .fails(.malformedPolicyDocument) { c in
                    .updateAssumeRolePolicy(
                        roleName: c.name("trusting"),
                        policyDocument: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}"#)
                },
                .fails(.noSuchEntity) { c in .updateAssumeRolePolicy(roleName: c.name("untrusting"), policyDocument: ConformanceDocuments.trustEC2) },
                .ok({ c in .getRole(name: c.name("trusting")) }, check: ConformanceChecks.attribute("trust_policy") { _ in .string(ConformanceDocuments.trustEC2) }),
                .deleteRole("trusting"),
            ]),
            ConformanceCase("role: MaxSessionDuration must be 3600 to 43200", knownDeviations: ["endpoint": MotoDeviation.sessionDurationUnchecked], steps: [
                .fails(.validationError) { c in
                    .createRole(name: c.name("short"), path: "/", trustPolicy: ConformanceDocuments.trustEC2, description: nil,
                                maxSessionDuration: 100, tags: [], permissionsBoundary: nil)
                },
                .createRole("long"),
                .fails(.validationError) { c in .updateRole(name: c.name("long"), description: nil, maxSessionDuration: 50000) },
                .deleteRole("short"), .deleteRole("long"),
            ]),
            ConformanceCase("role: DeleteRole refuses with policies or an instance profile", steps: [
                .createRole("busy"),
                .ok { c in .attachRolePolicy(roleName: c.name("busy"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .fails(.deleteConflict) { c in .deleteRole(name: c.name("busy")) },
                .ok { c in .detachRolePolicy(roleName: c.name("busy"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .ok { c in .putRolePolicy(roleName: c.name("busy"), policyName: "p", document: ConformanceDocuments.allowS3Read) },
                .fails(.deleteConflict) { c in .deleteRole(name: c.name("busy")) },
                .ok { c in .deleteRolePolicy(roleName: c.name("busy"), policyName: "p") },
                .ok { c in .createInstanceProfile(name: c.name("busyprofile"), path: "/", tags: []) },
                .ok { c in .addRoleToInstanceProfile(profileName: c.name("busyprofile"), roleName: c.name("busy")) },
                .fails(.deleteConflict) { c in .deleteRole(name: c.name("busy")) },
                .cleanup { c in .removeRoleFromInstanceProfile(profileName: c.name("busyprofile"), roleName: c.name("busy")) },
                .cleanup { c in .deleteInstanceProfile(name: c.name("busyprofile")) },
                .cleanup { c in .detachRolePolicy(roleName: c.name("busy"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .cleanup { c in .deleteRolePolicy(roleName: c.name("busy"), policyName: "p") },
                .deleteRole("busy"),
            ]),
            ConformanceCase("role: permissions boundary set and removed", steps: [
                .ok { c in
                    .createRole(name: c.name("fenced"), path: "/", trustPolicy: ConformanceDocuments.trustEC2, description: nil,
                                maxSessionDuration: 3600, tags: [], permissionsBoundary: ConformanceDocuments.iamReadOnlyAccess)
                },
                .ok({ c in .getRole(name: c.name("fenced")) },
                    check: ConformanceChecks.attribute("permissions_boundary") { _ in .string(ConformanceDocuments.iamReadOnlyAccess) }),
                .ok { c in .putRolePermissionsBoundary(name: c.name("fenced"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .ok { c in .deleteRolePermissionsBoundary(name: c.name("fenced")) },
                .ok({ c in .getRole(name: c.name("fenced")) }, check: ConformanceChecks.attribute("permissions_boundary") { _ in nil }),
                .deleteRole("fenced"),
            ]),
            ConformanceCase("role: service-linked role is named by its service and protected", knownDeviations: ["endpoint": MotoDeviation.serviceLinkedRoles], steps: [
                .ok({ c in .createServiceLinkedRole(serviceName: "autoscaling.amazonaws.com", customSuffix: c.runID, description: nil) },
                    check: ConformanceChecks.arn {
                        "arn:aws:iam::\($0.account):role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_\($0.runID)"
                    }),
                .fails(.invalidInput) { c in .createServiceLinkedRole(serviceName: "autoscaling.amazonaws.com", customSuffix: c.runID, description: nil) },
                // AWS attaches the service's own policy as it creates the role.
                .ok({ c in .listAttachedRolePolicies(roleName: "AWSServiceRoleForAutoScaling_\(c.runID)") },
                    check: ConformanceChecks.attribute("policies") { _ in .list("arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy") }),
                .fails(.unmodifiableEntity) { c in .deleteRole(name: "AWSServiceRoleForAutoScaling_\(c.runID)") },
                .fails(.unmodifiableEntity) { c in
                    .putRolePolicy(roleName: "AWSServiceRoleForAutoScaling_\(c.runID)", policyName: "p", document: ConformanceDocuments.allowS3Read)
                },
                .ok { c in .deleteServiceLinkedRole(roleName: "AWSServiceRoleForAutoScaling_\(c.runID)") },
                .cleanup { c in .deleteServiceLinkedRole(roleName: "AWSServiceRoleForAutoScaling_\(c.runID)") },
            ]),
        ]
    }
}
