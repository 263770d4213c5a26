/// One validation rule with a configuration that breaks it (the spot marked `⟦code⟧`) and a
/// close variant that satisfies it (realm/SwiftLint's rule descriptions, swift-format's marked text).
struct RuleCase: CustomStringConvertible, Sendable {
    var code: String
    var failing: String
    var passing: String
    /// A second file loaded before `main.yaml` (for rules about merging files).
    var otherFile: String? = nil
    /// Load `main.yaml` as if it were in Fixtures/rules, for rules about files it names.
    var inRulesFixtures = false
    var description: String { code }
}

/// An account `a` (id 111111111111) with `body` under it, indented for the account level.
func account(_ body: String) -> String {
    "accounts:\n  a:\n    id: \"111111111111\"\n" + body
}

enum RuleCases {
    static let all: [RuleCase] = structure + names + references + quotas + trust + resources + warnings + applyRefusals + templates + renames + catalog

    static let structure: [RuleCase] = [
        RuleCase(code: "yaml-syntax",
                 failing: "accounts:\n  a:\n    id: \"111111111111\"\n    users: { alice: {} ⟦yaml-syntax⟧]\n",
                 passing: account("    users: { alice: {} }\n")),
        RuleCase(code: "duplicate-key",
                 failing: account("    users:\n      alice:\n        path: /a/\n        ⟦duplicate-key⟧path: /b/\n"),
                 passing: account("    users:\n      alice:\n        path: /a/\n")),
        RuleCase(code: "wrong-type",
                 failing: account("    users:\n      alice:\n        access_keys: ⟦wrong-type⟧[1]\n"),
                 passing: account("    users:\n      alice:\n        access_keys: 1\n")),
        RuleCase(code: "unknown-key",
                 failing: account("    users:\n      alice:\n        ⟦unknown-key⟧grups: [g]\n    groups: { g: {} }\n"),
                 passing: account("    users:\n      alice:\n        groups: [g]\n    groups: { g: {} }\n")),
        RuleCase(code: "missing-key",
                 failing: "accounts:\n  ⟦missing-key⟧a:\n    alias: acme-a\n",
                 passing: account("    alias: acme-a\n")),
        RuleCase(code: "invalid-value",
                 failing: account("    identity_providers:\n      p: { type: ⟦invalid-value⟧oauth, url: https://x.example.com }\n"),
                 passing: account("    identity_providers:\n      p: { type: oidc, url: https://x.example.com }\n")),
        RuleCase(code: "duplicate-setting",
                 failing: account("    ⟦duplicate-setting⟧alias: two-a\n"),
                 passing: account("    users: { alice: {} }\n"),
                 otherFile: "accounts:\n  a:\n    alias: one-a\n"),
    ]

    static let names: [RuleCase] = [
        RuleCase(code: "invalid-name",
                 failing: account("    users:\n      ⟦invalid-name⟧al ice: {}\n"),
                 passing: account("    users:\n      al.ice+1@x: {}\n")),
        RuleCase(code: "invalid-path",
                 failing: account("    users:\n      alice: { path: ⟦invalid-path⟧engineering }\n"),
                 passing: account("    users:\n      alice: { path: /engineering/ }\n")),
        RuleCase(code: "duplicate-name",
                 failing: account("    roles:\n      Deploy: { trust: { services: [ec2.amazonaws.com] } }\n      ⟦duplicate-name⟧deploy: { trust: { services: [ec2.amazonaws.com] } }\n"),
                 passing: account("    roles:\n      Deploy: { trust: { services: [ec2.amazonaws.com] } }\n      Deploy2: { trust: { services: [ec2.amazonaws.com] } }\n")),
        RuleCase(code: "invalid-account-id",
                 failing: "accounts:\n  a:\n    id: ⟦invalid-account-id⟧\"12345\"\n",
                 passing: "accounts:\n  a:\n    id: \"012345678901\"\n"),
        RuleCase(code: "duplicate-account-id",
                 failing: "accounts:\n  a:\n    id: \"111111111111\"\n  b:\n    id: ⟦duplicate-account-id⟧\"111111111111\"\n",
                 passing: "accounts:\n  a:\n    id: \"111111111111\"\n  b:\n    id: \"222222222222\"\n"),
        RuleCase(code: "invalid-account-name",
                 failing: "accounts:\n  ⟦invalid-account-name⟧prod.eu:\n    id: \"111111111111\"\n",
                 passing: "accounts:\n  prod-eu:\n    id: \"111111111111\"\n"),
        RuleCase(code: "invalid-alias",
                 failing: account("    alias: ⟦invalid-alias⟧Acme_Prod\n"),
                 passing: account("    alias: acme-prod\n")),
        RuleCase(code: "invalid-tag",
                 failing: account("    users:\n      alice: { tags: { ⟦invalid-tag⟧aws:team: x } }\n"),
                 passing: account("    users:\n      alice: { tags: { team: x } }\n")),
        RuleCase(code: "invalid-description",
                 failing: account("    roles:\n      R:\n        description: ⟦invalid-description⟧\"" + String(repeating: "d", count: 1001) + "\"\n        trust: { services: [ec2.amazonaws.com] }\n"),
                 passing: account("    roles:\n      R:\n        description: \"" + String(repeating: "d", count: 1000) + "\"\n        trust: { services: [ec2.amazonaws.com] }\n")),
    ]

    static let references: [RuleCase] = [
        RuleCase(code: "unknown-reference",
                 failing: account("    policies:\n      P:\n        document:\n          Version: \"2012-10-17\"\n          Statement: { Effect: Allow, Action: sts:AssumeRole, Resource: \"⟦unknown-reference⟧${accounts.b.roles.R.arn}\" }\n"),
                 passing: account("    policies:\n      P:\n        document:\n          Version: \"2012-10-17\"\n          Statement: { Effect: Allow, Action: sts:AssumeRole, Resource: \"${accounts.a.roles.R.arn}\" }\n    roles:\n      R: { trust: { accounts: [a] } }\n")),
        RuleCase(code: "invalid-reference",
                 failing: account("    users:\n      alice: { tags: { owner: \"⟦invalid-reference⟧${accounts.a.people.bob.arn}\" } }\n"),
                 passing: account("    users:\n      alice: { tags: { owner: \"${accounts.a.users.alice.arn}\" } }\n")),
        RuleCase(code: "wrong-reference-kind",
                 failing: account("    users:\n      alice: { tags: { role: \"⟦wrong-reference-kind⟧${accounts.a.users.R.arn}\" } }\n    roles:\n      R: { trust: { accounts: [a] } }\n"),
                 passing: account("    users:\n      alice: { tags: { role: \"${accounts.a.roles.R.arn}\" } }\n    roles:\n      R: { trust: { accounts: [a] } }\n")),
        RuleCase(code: "unknown-group",
                 failing: account("    users:\n      alice: { groups: [⟦unknown-group⟧developer] }\n    groups: { developers: {} }\n"),
                 passing: account("    users:\n      alice: { groups: [developers] }\n    groups: { developers: {} }\n")),
        RuleCase(code: "unknown-user",
                 failing: account("    users: { alice: {} }\n    groups:\n      developers: { members: [⟦unknown-user⟧alcie] }\n"),
                 passing: account("    users: { alice: {} }\n    groups:\n      developers: { members: [alice] }\n")),
        RuleCase(code: "unknown-policy",
                 failing: account("    users:\n      alice: { policies: [⟦unknown-policy⟧AmazonS3FullAcess] }\n"),
                 passing: account("    users:\n      alice: { policies: [AmazonS3FullAccess] }\n")),
        RuleCase(code: "invalid-arn",
                 failing: account("    users:\n      alice: { policies: [⟦invalid-arn⟧\"arn:aws:s3:::bucket\"] }\n"),
                 passing: account("    users:\n      alice: { policies: [\"arn:aws:iam::aws:policy/ReadOnlyAccess\"] }\n")),
        RuleCase(code: "duplicate-entry",
                 failing: account("    users:\n      alice: { policies: [ReadOnlyAccess, ⟦duplicate-entry⟧ReadOnlyAccess] }\n"),
                 passing: account("    users:\n      alice: { policies: [ReadOnlyAccess] }\n")),
        RuleCase(code: "duplicate-membership",
                 failing: account("    users:\n      alice: { groups: [devs] }\n    groups:\n      devs: { members: [⟦duplicate-membership⟧alice] }\n"),
                 passing: account("    users:\n      alice: {}\n    groups:\n      devs: { members: [alice] }\n")),
        RuleCase(code: "unknown-reference",
                 failing: account("    instance_profiles:\n      web: { role: ⟦unknown-reference⟧WebRole }\n"),
                 passing: account("    instance_profiles:\n      web: { role: WebRole }\n    roles:\n      WebRole: { trust: { services: [ec2.amazonaws.com] } }\n")),
    ]

    static let quotas: [RuleCase] = [
        RuleCase(code: "too-many-groups",
                 failing: account("    users:\n      ⟦too-many-groups⟧alice: { groups: [g1, g2, g3, g4, g5, g6, g7, g8, g9, g10, g11] }\n    groups: { " + (1...11).map { "g\($0): {}" }.joined(separator: ", ") + " }\n"),
                 passing: account("    users:\n      alice: { groups: [g1, g2, g3, g4, g5, g6, g7, g8, g9, g10] }\n    groups: { " + (1...11).map { "g\($0): {}" }.joined(separator: ", ") + " }\n")),
        RuleCase(code: "too-many-attached-policies",
                 failing: account("    users:\n      alice:\n        ⟦too-many-attached-policies⟧policies: [" + catalogNames(11) + "]\n"),
                 passing: account("    users:\n      alice:\n        policies: [" + catalogNames(10) + "]\n")),
        RuleCase(code: "too-many-tags",
                 failing: account("    users:\n      alice: { tags: ⟦too-many-tags⟧{ " + (1...51).map { "k\($0): v" }.joined(separator: ", ") + " } }\n"),
                 passing: account("    users:\n      alice: { tags: { " + (1...50).map { "k\($0): v" }.joined(separator: ", ") + " } }\n")),
        RuleCase(code: "too-many-access-keys",
                 failing: account("    users:\n      alice: { access_keys: ⟦too-many-access-keys⟧3 }\n"),
                 passing: account("    users:\n      alice: { access_keys: 2 }\n")),
        RuleCase(code: "invalid-session-duration",
                 failing: account("    roles:\n      R: { max_session_duration: ⟦invalid-session-duration⟧43201, trust: { services: [ec2.amazonaws.com] } }\n"),
                 passing: account("    roles:\n      R: { max_session_duration: 43200, trust: { services: [ec2.amazonaws.com] } }\n")),
        RuleCase(code: "inline-policies-too-large",
                 failing: account("    users:\n      alice:\n        ⟦inline-policies-too-large⟧inline_policies:\n          Big: " + document(actions: 90) + "\n"),
                 passing: account("    users:\n      alice:\n        inline_policies:\n          Small: " + document(actions: 60) + "\n")),
        RuleCase(code: "policy-too-large",
                 failing: account("    policies:\n      Big:\n        document: ⟦policy-too-large⟧" + document(actions: 260) + "\n"),
                 passing: account("    policies:\n      Fits:\n        document: " + document(actions: 200) + "\n")),
        RuleCase(code: "bucket-policy-too-large",
                 failing: account("    buckets:\n      reports:\n        policy: ⟦bucket-policy-too-large⟧" + bucketDocument(objects: 700) + "\n"),
                 passing: account("    buckets:\n      reports:\n        policy: " + bucketDocument(objects: 400) + "\n")),
        RuleCase(code: "too-many-roles",
                 failing: account("    instance_profiles:\n      web: { role: ⟦too-many-roles⟧[R1, R2] }\n    roles:\n      R1: { trust: { services: [ec2.amazonaws.com] } }\n      R2: { trust: { services: [ec2.amazonaws.com] } }\n"),
                 passing: account("    instance_profiles:\n      web: { role: [R1] }\n    roles:\n      R1: { trust: { services: [ec2.amazonaws.com] } }\n")),
        RuleCase(code: "out-of-range",
                 failing: account("    password_policy: { minimum_length: ⟦out-of-range⟧5 }\n"),
                 passing: account("    password_policy: { minimum_length: 6 }\n")),
    ]

    static let trust: [RuleCase] = [
        RuleCase(code: "missing-trust",
                 failing: account("    roles:\n      ⟦missing-trust⟧R: { description: no trust }\n"),
                 passing: account("    roles:\n      R: { description: trusted, trust: { services: [lambda.amazonaws.com] } }\n")),
        RuleCase(code: "conflicting-keys",
                 failing: account("    roles:\n      R:\n        trust: { services: [ec2.amazonaws.com] }\n        ⟦conflicting-keys⟧trust_policy: { Version: \"2012-10-17\", Statement: [] }\n"),
                 passing: account("    roles:\n      R:\n        trust_policy: { Version: \"2012-10-17\", Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }] }\n")),
        RuleCase(code: "empty-trust",
                 failing: account("    roles:\n      R:\n        trust: ⟦empty-trust⟧{ require_mfa: true }\n"),
                 passing: account("    roles:\n      R:\n        trust: { accounts: [a], require_mfa: true }\n")),
        RuleCase(code: "invalid-service-principal",
                 failing: account("    roles:\n      R:\n        trust: { services: [⟦invalid-service-principal⟧ec2] }\n"),
                 passing: account("    roles:\n      R:\n        trust: { services: [ec2.amazonaws.com] }\n")),
        RuleCase(code: "trust-policy-too-large",
                 failing: account("    roles:\n      R:\n        trust: ⟦trust-policy-too-large⟧{ accounts: [" + (1...80).map { String(format: "%012d", $0) }.joined(separator: ", ") + "], require_mfa: true }\n"),
                 passing: account("    roles:\n      R:\n        trust: { accounts: [" + (1...40).map { String(format: "%012d", $0) }.joined(separator: ", ") + "], require_mfa: true }\n")),
        RuleCase(code: "policy-condition-operator-unknown",
                 failing: account("    roles:\n      R:\n        trust:\n          services: [ec2.amazonaws.com]\n          conditions:\n            ⟦policy-condition-operator-unknown⟧StringEqual: { aws:SourceAccount: \"111111111111\" }\n"),
                 passing: account("    roles:\n      R:\n        trust:\n          services: [ec2.amazonaws.com]\n          conditions:\n            StringEquals: { aws:SourceAccount: \"111111111111\" }\n")),
        RuleCase(code: "policy-principal-missing",
                 failing: account("    roles:\n      R:\n        trust_policy:\n          Version: \"2012-10-17\"\n          Statement:\n            - ⟦policy-principal-missing⟧Effect: Allow\n              Action: sts:AssumeRole\n"),
                 passing: account("    roles:\n      R:\n        trust_policy:\n          Version: \"2012-10-17\"\n          Statement:\n            - Effect: Allow\n              Principal: { Service: ec2.amazonaws.com }\n              Action: sts:AssumeRole\n")),
    ]

    static let resources: [RuleCase] = [
        RuleCase(code: "policy-effect-invalid",
                 failing: account("    policies:\n      P:\n        document:\n          Version: \"2012-10-17\"\n          Statement:\n            - Effect: ⟦policy-effect-invalid⟧allow\n              Action: s3:GetObject\n              Resource: \"*\"\n"),
                 passing: account("    policies:\n      P:\n        document:\n          Version: \"2012-10-17\"\n          Statement:\n            - Effect: Allow\n              Action: s3:GetObject\n              Resource: \"*\"\n")),
        RuleCase(code: "invalid-url",
                 failing: account("    identity_providers:\n      gh: { type: oidc, url: ⟦invalid-url⟧\"http://token.actions.githubusercontent.com\" }\n"),
                 passing: account("    identity_providers:\n      gh: { type: oidc, url: \"https://token.actions.githubusercontent.com\" }\n")),
        RuleCase(code: "invalid-url",
                 failing: "backend: { kind: endpoint, url: ⟦invalid-url⟧localhost:5000 }\n" + account(""),
                 passing: "backend: { kind: endpoint, url: \"http://localhost:5000\" }\n" + account("")),
        RuleCase(code: "invalid-thumbprint",
                 failing: account("    identity_providers:\n      gh: { type: oidc, url: \"https://x.example.com\", thumbprints: [⟦invalid-thumbprint⟧abc] }\n"),
                 passing: account("    identity_providers:\n      gh: { type: oidc, url: \"https://x.example.com\", thumbprints: [6938fd4d98bab03faadb97b34396831e3780aea1] }\n")),
        RuleCase(code: "invalid-saml-metadata",
                 failing: account("    identity_providers:\n      corp: { type: saml, metadata_file: ⟦invalid-saml-metadata⟧not-metadata.xml }\n"),
                 passing: account("    identity_providers:\n      corp: { type: saml, metadata_file: metadata.xml }\n"),
                 inRulesFixtures: true),
        RuleCase(code: "too-many-client-ids",
                 failing: account("    identity_providers:\n      gh: { type: oidc, url: \"https://x.example.com\", client_ids: ⟦too-many-client-ids⟧[" + (1...101).map { "c\($0)" }.joined(separator: ", ") + "] }\n"),
                 passing: account("    identity_providers:\n      gh: { type: oidc, url: \"https://x.example.com\", client_ids: [" + (1...100).map { "c\($0)" }.joined(separator: ", ") + "] }\n")),
        RuleCase(code: "too-many-thumbprints",
                 failing: account("    identity_providers:\n      gh: { type: oidc, url: \"https://x.example.com\", thumbprints: ⟦too-many-thumbprints⟧[" + (1...6).map { _ in String(repeating: "a", count: 40) }.joined(separator: ", ") + "] }\n"),
                 passing: account("    identity_providers:\n      gh: { type: oidc, url: \"https://x.example.com\", thumbprints: [" + (1...5).map { _ in String(repeating: "a", count: 40) }.joined(separator: ", ") + "] }\n")),
        RuleCase(code: "document-too-large",
                 failing: account(aliasBomb(marked: true, levels: 9)),
                 passing: account(aliasBomb(marked: false, levels: 1) + "                  p.io:k2: *a\n")),
        RuleCase(code: "file-not-found",
                 failing: account("    policies:\n      P: { document: ⟦file-not-found⟧no-such-policy.json }\n"),
                 passing: account("    policies:\n      P: { document: { Version: \"2012-10-17\", Statement: { Effect: Allow, Action: \"s3:*\", Resource: \"*\" } } }\n")),
        RuleCase(code: "json-syntax",
                 failing: account("    policies:\n      P: { document: ⟦json-syntax⟧'{\"Version\": \"2012-10-17\" \"Statement\": []}' }\n"),
                 passing: account("    policies:\n      P: { document: '{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}}' }\n")),
        RuleCase(code: "policy-principal-not-allowed",
                 failing: account("    users:\n      alice:\n        inline_policies:\n          P:\n            Version: \"2012-10-17\"\n            Statement:\n              - Effect: Allow\n                ⟦policy-principal-not-allowed⟧Principal: \"*\"\n                Action: s3:GetObject\n                Resource: \"*\"\n"),
                 passing: account("    users:\n      alice:\n        inline_policies:\n          P:\n            Version: \"2012-10-17\"\n            Statement:\n              - Effect: Allow\n                Action: s3:GetObject\n                Resource: \"*\"\n")),
    ]

    static let warnings: [RuleCase] = [
        RuleCase(code: "root-without-mfa",
                 failing: account("    root: { email: root@example.com, mfa: ⟦root-without-mfa⟧false }\n"),
                 passing: account("    root: { email: root@example.com, mfa: true }\n")),
        RuleCase(code: "full-access",
                 failing: account("    users:\n      alice: { policies: [⟦full-access⟧AdministratorAccess] }\n"),
                 passing: account("    users:\n      alice: { groups: [Admins] }\n    groups:\n      Admins: { policies: [AdministratorAccess] }\n")),
        RuleCase(code: "trust-everyone",
                 failing: account("    roles:\n      R:\n        trust_policy:\n          Version: \"2012-10-17\"\n          Statement:\n            - ⟦trust-everyone⟧Effect: Allow\n              Principal: \"*\"\n              Action: sts:AssumeRole\n"),
                 passing: account("    roles:\n      R:\n        trust_policy:\n          Version: \"2012-10-17\"\n          Statement:\n            - Effect: Allow\n              Principal: { AWS: \"111111111111\" }\n              Action: sts:AssumeRole\n")),
        RuleCase(code: "cross-account-trust",
                 failing: account("    roles:\n      R:\n        trust: ⟦cross-account-trust⟧{ accounts: [\"222222222222\"] }\n"),
                 passing: account("    roles:\n      R:\n        trust: { accounts: [\"222222222222\"], external_id: partner-42 }\n")),
    ]

    /// What the simulator (like IAM and S3) refuses at apply, caught by `validate` instead.
    static let applyRefusals: [RuleCase] = [
        // IAM answers NoSuchEntity for an AWS managed ARN that names no policy; the catalog holds
        // them all, so a real one outside the common few (AmazonMQFullAccess) passes.
        RuleCase(code: "unknown-managed-policy",
                 failing: account("    users:\n      alice: { policies: [⟦unknown-managed-policy⟧\"arn:aws:iam::aws:policy/NoSuchPolicyAtAll\"] }\n"),
                 passing: account("    users:\n      alice: { policies: [\"arn:aws:iam::aws:policy/AmazonMQFullAccess\"] }\n")),
        // AWS attaches a service-linked role policy to its service's role only (PolicyNotAttachable).
        RuleCase(code: "policy-not-attachable",
                 failing: account("    users:\n      alice: { policies: [⟦policy-not-attachable⟧AutoScalingServiceRolePolicy] }\n"),
                 passing: account("    service_linked_roles:\n      - service: autoscaling.amazonaws.com\n")),
        RuleCase(code: "policy-not-attachable",
                 failing: account("    users:\n      alice: { permissions_boundary: ⟦policy-not-attachable⟧\"arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy\" }\n"),
                 passing: account("    users:\n      alice: { permissions_boundary: \"arn:aws:iam::aws:policy/AmazonECS_FullAccess\" }\n")),
        RuleCase(code: "unknown-managed-policy",
                 failing: account("    roles:\n      R:\n        trust: { services: [lambda.amazonaws.com] }\n        policies: [⟦unknown-managed-policy⟧\"arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole\"]\n"),
                 passing: account("    roles:\n      R:\n        trust: { services: [lambda.amazonaws.com] }\n        policies: [\"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\"]\n")),
        RuleCase(code: "saml-metadata-size",
                 failing: account("    identity_providers:\n      corp: { type: saml, metadata_file: ⟦saml-metadata-size⟧short-metadata.xml }\n"),
                 passing: account("    identity_providers:\n      corp: { type: saml, metadata_file: metadata.xml }\n"),
                 inRulesFixtures: true),
        RuleCase(code: "invalid-name",
                 failing: account("    identity_providers:\n      ⟦invalid-name⟧corp+sso: { type: saml, metadata_file: metadata.xml }\n"),
                 passing: account("    identity_providers:\n      corp_sso: { type: saml, metadata_file: metadata.xml }\n"),
                 inRulesFixtures: true),
        RuleCase(code: "trust-action-invalid",
                 failing: trustPolicy("Principal: { Service: ec2.amazonaws.com }\n              Action: [sts:AssumeRole, ⟦trust-action-invalid⟧s3:GetObject]"),
                 passing: trustPolicy("Principal: { Service: ec2.amazonaws.com }\n              Action: [sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity, sts:SetContext]")),
        RuleCase(code: "trust-action-invalid",
                 failing: trustPolicy("Principal: { AWS: \"111111111111\" }\n              Action: ⟦trust-action-invalid⟧iam:PassRole"),
                 passing: trustPolicy("Principal: { AWS: \"111111111111\" }\n              Action: \"sts:*\"")),
        RuleCase(code: "trust-not-principal",
                 failing: account("    roles:\n      R:\n        trust_policy:\n          Version: \"2012-10-17\"\n          Statement:\n            - Effect: Allow\n              Principal: { AWS: \"111111111111\" }\n              Action: sts:AssumeRole\n            - Effect: Deny\n              ⟦trust-not-principal⟧NotPrincipal: { AWS: \"111111111111\" }\n              Action: sts:AssumeRole\n"),
                 passing: account("    roles:\n      R:\n        trust_policy:\n          Version: \"2012-10-17\"\n          Statement:\n            - Effect: Allow\n              Principal: { AWS: \"111111111111\" }\n              Action: sts:AssumeRole\n")),
        RuleCase(code: "unknown-principal",
                 failing: trustPolicy("Principal: { AWS: [\"arn:aws:iam::111111111111:role/Other\", ⟦unknown-principal⟧\"arn:aws:iam::111111111111:role/Missing\"] }\n              Action: sts:AssumeRole") + "      Other: { trust: { services: [ec2.amazonaws.com] } }\n",
                 passing: trustPolicy("Principal: { AWS: [\"arn:aws:iam::111111111111:role/Other\", \"arn:aws:iam::999999999999:role/Elsewhere\"] }\n              Action: sts:AssumeRole") + "      Other: { trust: { services: [ec2.amazonaws.com] } }\n"),
        RuleCase(code: "bucket-policy-foreign-resource",
                 failing: bucketPolicy("Principal: { AWS: \"111111111111\" }\n                Action: s3:GetObject\n                Resource: [\"arn:aws:s3:::reports/*\", ⟦bucket-policy-foreign-resource⟧\"arn:aws:s3:::other/*\"]"),
                 passing: bucketPolicy("Principal: { AWS: \"111111111111\" }\n                Action: s3:GetObject\n                Resource: [\"arn:aws:s3:::reports\", \"arn:aws:s3:::reports/*\"]")),
        RuleCase(code: "bucket-policy-action-invalid",
                 failing: bucketPolicy("Principal: { AWS: \"111111111111\" }\n                Action: ⟦bucket-policy-action-invalid⟧iam:GetUser\n                Resource: \"arn:aws:s3:::reports/*\""),
                 passing: bucketPolicy("Principal: { AWS: \"111111111111\" }\n                Action: \"s3:*\"\n                Resource: \"arn:aws:s3:::reports/*\"")),
        RuleCase(code: "not-principal-with-allow",
                 failing: bucketPolicy("⟦not-principal-with-allow⟧NotPrincipal: { AWS: \"111111111111\" }\n                Action: s3:GetObject\n                Resource: \"arn:aws:s3:::reports/*\""),
                 passing: bucketPolicy("Principal: { AWS: \"111111111111\" }\n                Action: s3:GetObject\n                Resource: \"arn:aws:s3:::reports/*\"")),
    ]

    /// `user_templates:` and `role_templates:` (issue 14's "less repetition").
    static let renames: [RuleCase] = [
        RuleCase(code: "rename-to-same-name",
                 failing: account("    users:\n      alice: { renamed_from: ⟦rename-to-same-name⟧alice }\n"),
                 passing: account("    users:\n      alice: { renamed_from: bob }\n")),
        RuleCase(code: "renamed-from-declared",
                 failing: account("    groups:\n      developers: { renamed_from: ⟦renamed-from-declared⟧Devs }\n      devs: {}\n"),
                 passing: account("    groups:\n      developers: { renamed_from: devs }\n      ops: {}\n")),
        RuleCase(code: "duplicate-renamed-from",
                 failing: account("    users:\n      alice: { renamed_from: bob }\n      carol: { renamed_from: ⟦duplicate-renamed-from⟧Bob }\n"),
                 passing: account("    users:\n      alice: { renamed_from: bob }\n      carol: { renamed_from: dave }\n")),
        RuleCase(code: "rename-not-supported",
                 failing: account("    roles:\n      Deploy: { ⟦rename-not-supported⟧renamed_from: OldDeploy, trust: { services: [ec2.amazonaws.com] } }\n"),
                 passing: account("    roles:\n      Deploy: { trust: { services: [ec2.amazonaws.com] } }\n")),
    ]

    static let templates: [RuleCase] = [
        RuleCase(code: "unknown-template",
                 failing: account("    user_templates:\n      engineer: { groups: [devs] }\n    groups: { devs: {} }\n    users:\n      alice: { template: ⟦unknown-template⟧enginer }\n"),
                 passing: account("    user_templates:\n      engineer: { groups: [devs] }\n    groups: { devs: {} }\n    users:\n      alice: { template: engineer }\n")),
        RuleCase(code: "unknown-group",
                 failing: account("    user_templates:\n      engineer: { groups: [⟦unknown-group⟧dev] }\n    groups: { devs: {} }\n    users:\n      alice: { template: engineer }\n      bob: { template: engineer }\n"),
                 passing: account("    user_templates:\n      engineer: { groups: [dev] }\n    groups: { devs: {} }\n    users:\n      alice: { template: engineer, groups: [devs] }\n")),
        RuleCase(code: "unknown-key",
                 failing: account("    user_templates:\n      engineer: { ⟦unknown-key⟧template: base }\n    users:\n      alice: { template: engineer }\n"),
                 passing: account("    user_templates:\n      engineer: { path: /engineering/ }\n    users:\n      alice: { template: engineer }\n")),
    ]

    /// Names the action catalog does not know (issue 11): each at its own spot, with a did-you-mean.
    static let catalog: [RuleCase] = [
        RuleCase(code: "policy-action-unknown",
                 failing: bucketPolicy("Principal: { AWS: \"111111111111\" }\n                Action: [s3:GetObject, ⟦policy-action-unknown⟧s3:GetObjekt]\n                Resource: \"arn:aws:s3:::reports/*\""),
                 passing: bucketPolicy("Principal: { AWS: \"111111111111\" }\n                Action: [s3:GetObject, s3:getobjectversion]\n                Resource: \"arn:aws:s3:::reports/*\"")),
        RuleCase(code: "policy-action-unknown-service",
                 failing: managedPolicy("Action: [\"ec2:Describe*\", ⟦policy-action-unknown-service⟧\"s4:*\"]"),
                 passing: managedPolicy("Action: [\"ec2:Describe*\", \"s3:*\"]")),
        RuleCase(code: "policy-action-matches-nothing",
                 failing: bucketPolicy("Principal: { AWS: \"111111111111\" }\n                Action: ⟦policy-action-matches-nothing⟧\"s3:Gte*\"\n                Resource: \"arn:aws:s3:::reports/*\""),
                 passing: bucketPolicy("Principal: { AWS: \"111111111111\" }\n                Action: \"s3:Get*\"\n                Resource: \"arn:aws:s3:::reports/*\"")),
        RuleCase(code: "policy-condition-key-unknown",
                 failing: trustPolicy("Principal: { AWS: \"111111111111\" }\n              Action: sts:AssumeRole\n              Condition: { StringEquals: { ⟦policy-condition-key-unknown⟧sts:ExternalID2: x } }"),
                 passing: trustPolicy("Principal: { AWS: \"111111111111\" }\n              Action: sts:AssumeRole\n              Condition: { StringEquals: { sts:externalid: x, aws:PrincipalTag/team: y } }")),
    ]

    static func managedPolicy(_ action: String) -> String {
        account("    policies:\n      P:\n        document:\n          Version: \"2012-10-17\"\n          Statement:\n            - Effect: Allow\n              \(action)\n              Resource: \"*\"\n")
    }

    static func trustPolicy(_ statement: String) -> String {
        account("    roles:\n      R:\n        trust_policy:\n          Version: \"2012-10-17\"\n          Statement:\n            - Effect: Allow\n              \(statement)\n")
    }

    static func bucketPolicy(_ statement: String) -> String {
        account("    buckets:\n      reports:\n        policy:\n          Version: \"2012-10-17\"\n          Statement:\n              - Effect: Allow\n                \(statement)\n")
    }

    /// A policy whose condition values nest YAML aliases eight wide and nine deep (8^9 nodes once
    /// expanded); the loader must stop at its node budget, at the marked node.
    static func aliasBomb(marked: Bool, levels: Int) -> String {
        var text = "    policies:\n      P:\n        document:\n          Version: \"2012-10-17\"\n          Statement:\n"
            + "            - Effect: Allow\n              Action: s3:GetObject\n              Resource: \"*\"\n"
            + "              Condition:\n                StringEquals:\n"
        // The keys are an OIDC provider's claims (p.io:k1), which the action catalog accepts; the budget grows with
        // the text's length, so the node where it runs out moves with the keys' length.
        text += "                  p.io:k1: &a [x, x, " + (marked ? "⟦document-too-large⟧" : "") + "x, x, x, x, x, x]\n"
        let names = Array("abcdefghi")
        for level in stride(from: 2, through: levels, by: 1) {
            let previous = names[level - 2]
            text += "                  p.io:k\(level): &\(names[level - 1]) [" + Array(repeating: "*\(previous)", count: 8).joined(separator: ", ") + "]\n"
        }
        return text
    }

    /// The first `count` catalog policies that are not full access (so no warning interferes).
    static func catalogNames(_ count: Int) -> String {
        ["AmazonS3ReadOnlyAccess", "AmazonEC2ReadOnlyAccess", "IAMReadOnlyAccess", "ReadOnlyAccess", "ViewOnlyAccess",
         "SecurityAudit", "AmazonSQSReadOnlyAccess", "AmazonSNSReadOnlyAccess", "AmazonRDSReadOnlyAccess",
         "AmazonVPCReadOnlyAccess", "CloudWatchReadOnlyAccess"].prefix(count).joined(separator: ", ")
    }

    /// A flow-style policy document allowing s3:GetObject on `actions` objects (about 25 characters each).
    static func document(actions: Int) -> String {
        let list = (1...actions).map { String(format: "arn:aws:s3:::bucket/k%04d", $0) }.joined(separator: ", ")
        return "{ Version: \"2012-10-17\", Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: [\(list)] }] }"
    }
}

/// A bucket policy for `reports` granting one object prefix per entry: 700 are over S3's 20 KB.
func bucketDocument(objects: Int) -> String {
    "{ Version: \"2012-10-17\", Statement: [{ Effect: Allow, Principal: { AWS: \"arn:aws:iam::111111111111:root\" }, Action: s3:GetObject, Resource: ["
        + (0..<objects).map { "\"arn:aws:s3:::reports/quarter-\($0)/*\"" }.joined(separator: ", ") + "] }] }"
}
