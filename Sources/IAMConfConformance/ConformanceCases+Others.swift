import IAMConfCore
import IAMConfBackend

extension ConformanceCases {
    static var instanceProfiles: [ConformanceCase] {
        [
            ConformanceCase("instance profile: tags change in place (TagInstanceProfile, UntagInstanceProfile)", steps: [
                .ok { c in .createInstanceProfile(name: c.name("tagged"), path: "/", tags: [Tag(key: "env", value: "test")]) },
                .ok { c in .tagInstanceProfile(name: c.name("tagged"), tags: [Tag(key: "owner", value: "me")]) },
                .ok { c in .untagInstanceProfile(name: c.name("tagged"), keys: ["env"]) },
                .ok({ c in .getInstanceProfile(name: c.name("tagged")) }, check: ConformanceChecks.attribute("tags") { _ in .tags(["owner": "me"]) }),
                .fails(.noSuchEntity) { c in .tagInstanceProfile(name: c.name("nowhere"), tags: [Tag(key: "a", value: "b")]) },
                .ok { c in .deleteInstanceProfile(name: c.name("tagged")) },
            ]),
            ConformanceCase("instance profile: create, one role, delete", steps: [
                .ok({ c in .createInstanceProfile(name: c.name("web"), path: "/", tags: []) },
                    check: ConformanceChecks.arn { "arn:aws:iam::\($0.account):instance-profile/\($0.name("web"))" }),
                .fails(.entityAlreadyExists) { c in .createInstanceProfile(name: c.name("web"), path: "/", tags: []) },
                .createRole("webrole"), .createRole("otherrole"),
                .fails(.noSuchEntity) { c in .addRoleToInstanceProfile(profileName: c.name("web"), roleName: c.name("norole")) },
                .ok { c in .addRoleToInstanceProfile(profileName: c.name("web"), roleName: c.name("webrole")) },
                .fails(.limitExceeded) { c in .addRoleToInstanceProfile(profileName: c.name("web"), roleName: c.name("otherrole")) },
                .fails(.deleteConflict) { c in .deleteInstanceProfile(name: c.name("web")) },
                .ok { c in .removeRoleFromInstanceProfile(profileName: c.name("web"), roleName: c.name("webrole")) },
                .ok { c in .deleteInstanceProfile(name: c.name("web")) },
                .fails(.noSuchEntity) { c in .deleteInstanceProfile(name: c.name("web")) },
                .cleanup { c in .removeRoleFromInstanceProfile(profileName: c.name("web"), roleName: c.name("webrole")) },
                .cleanup { c in .deleteInstanceProfile(name: c.name("web")) },
                .deleteRole("webrole"), .deleteRole("otherrole"),
            ]),
        ]
    }

    static var providers: [ConformanceCase] {
        [
            ConformanceCase("oidc provider: create, update thumbprints, delete", steps: [
                .ok({ c in
                    .createOpenIDConnectProvider(
                        url: "https://oidc-\(c.runID).example.com", clientIDs: ["sts.amazonaws.com"],
                        thumbprints: ["6938fd4d98bab03faadb97b34396831e3780aea1"], tags: [])
                }, check: ConformanceChecks.arn { "arn:aws:iam::\($0.account):oidc-provider/oidc-\($0.runID).example.com" }),
                .fails(.entityAlreadyExists) { c in
                    .createOpenIDConnectProvider(
                        url: "https://oidc-\(c.runID).example.com", clientIDs: ["sts.amazonaws.com"],
                        thumbprints: ["6938fd4d98bab03faadb97b34396831e3780aea1"], tags: [])
                },
                .ok { c in
                    .updateOpenIDConnectProviderThumbprint(
                        arn: "arn:aws:iam::\(c.account):oidc-provider/oidc-\(c.runID).example.com",
                        thumbprints: ["0000000000000000000000000000000000000000"])
                },
                .ok { c in .deleteOpenIDConnectProvider(arn: "arn:aws:iam::\(c.account):oidc-provider/oidc-\(c.runID).example.com") },
                .fails(.noSuchEntity) { c in
                    .updateOpenIDConnectProviderThumbprint(
                        arn: "arn:aws:iam::\(c.account):oidc-provider/oidc-\(c.runID).example.com",
                        thumbprints: ["0000000000000000000000000000000000000000"])
                },
                .cleanup { c in .deleteOpenIDConnectProvider(arn: "arn:aws:iam::\(c.account):oidc-provider/oidc-\(c.runID).example.com") },
            ]),
            ConformanceCase("saml provider: create, update, delete, duplicate", knownDeviations: ["endpoint": MotoDeviation.samlOverwrite], steps: [
                .ok({ c in .createSAMLProvider(name: c.name("corp"), metadataDocument: ConformanceDocuments.samlMetadata, tags: []) },
                    check: ConformanceChecks.arn { "arn:aws:iam::\($0.account):saml-provider/\($0.name("corp"))" }),
                .ok { c in
                    .updateSAMLProvider(arn: "arn:aws:iam::\(c.account):saml-provider/\(c.name("corp"))", metadataDocument: ConformanceDocuments.samlMetadata)
                },
                .fails(.entityAlreadyExists) { c in
                    .createSAMLProvider(name: c.name("corp"), metadataDocument: ConformanceDocuments.samlMetadata, tags: [])
                },
                .ok { c in .deleteSAMLProvider(arn: "arn:aws:iam::\(c.account):saml-provider/\(c.name("corp"))") },
                .cleanup { c in .deleteSAMLProvider(arn: "arn:aws:iam::\(c.account):saml-provider/\(c.name("corp"))") },
            ]),
        ]
    }

    static var account: [ConformanceCase] {
        [
            ConformanceCase("account: alias create, replace, delete", steps: [
                .ok { c in .createAccountAlias(alias: "iamconf-a-\(c.runID)") },
                .ok { c in .createAccountAlias(alias: "iamconf-b-\(c.runID)") },
                .ok { c in .deleteAccountAlias(alias: "iamconf-b-\(c.runID)") },
                .cleanup { c in .deleteAccountAlias(alias: "iamconf-a-\(c.runID)") },
                .cleanup { c in .deleteAccountAlias(alias: "iamconf-b-\(c.runID)") },
            ]),
            ConformanceCase("account: deleting an alias that is not set is NoSuchEntity", knownDeviations: ["endpoint": MotoDeviation.aliasDeleteUnchecked], steps: [
                .ok { c in .createAccountAlias(alias: "iamconf-c-\(c.runID)") },
                .fails(.noSuchEntity) { c in .deleteAccountAlias(alias: "iamconf-d-\(c.runID)") },
                .cleanup { c in .deleteAccountAlias(alias: "iamconf-c-\(c.runID)") },
            ]),
            ConformanceCase("account: alias and password policy inputs are validated", knownDeviations: ["endpoint": MotoDeviation.accountUnchecked], steps: [
                .fails(.validationError) { c in .createAccountAlias(alias: "BAD_Alias-\(c.runID)") },
                .fails(.validationError) { _ in
                    var policy = PasswordPolicy()
                    policy.minimumPasswordLength = 2
                    return .updateAccountPasswordPolicy(policy)
                },
                .cleanup { c in .deleteAccountAlias(alias: "BAD_Alias-\(c.runID)") },
            ]),
            ConformanceCase("account: password policy set and deleted", steps: [
                .ok { _ in
                    var policy = PasswordPolicy()
                    policy.minimumPasswordLength = 14
                    policy.requireSymbols = true
                    policy.maxPasswordAge = 90
                    return .updateAccountPasswordPolicy(policy)
                },
                .ok { _ in .deleteAccountPasswordPolicy },
                .fails(.noSuchEntity) { _ in .deleteAccountPasswordPolicy },
            ]),
        ]
    }

    static var buckets: [ConformanceCase] {
        [
            ConformanceCase("bucket: create, policy, delete", knownDeviations: ["endpoint": MotoDeviation.noBuckets], steps: [
                .ok({ c in .createBucket(name: "iamconf-\(c.runID)") }, check: ConformanceChecks.arn { "arn:aws:s3:::iamconf-\($0.runID)" }),
                .fails(.entityAlreadyExists) { c in .createBucket(name: "iamconf-\(c.runID)") },
                .ok { c in
                    .putBucketPolicy(
                        bucket: "iamconf-\(c.runID)",
                        document: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(c.account):root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::iamconf-\#(c.runID)/*"}]}"#)
                },
                .fails(.malformedPolicyDocument) { c in .putBucketPolicy(bucket: "iamconf-\(c.runID)", document: ConformanceDocuments.allowS3Read) },
                .ok { c in .deleteBucketPolicy(bucket: "iamconf-\(c.runID)") },
                .ok { c in .deleteBucket(name: "iamconf-\(c.runID)") },
                .fails(.noSuchEntity) { c in .deleteBucket(name: "iamconf-\(c.runID)") },
                .fails(.invalidInput) { _ in .createBucket(name: "Not_A_Bucket") },
                .cleanup { c in .deleteBucket(name: "iamconf-\(c.runID)") },
            ]),
        ]
    }
}
