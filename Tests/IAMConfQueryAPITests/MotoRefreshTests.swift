import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfQueryAPI
import IAMConfState
import Testing

/// `Refresher` over HTTPBackend on a real moto_server: a small configuration applied through the
/// endpoint refreshes without drift, and changes made behind iamconf's back (directly through
/// HTTPBackend) come back as exactly that drift.
@Suite(.motoServer, .serialized) struct MotoRefreshTests {
    static let account = "777777777777"
    static let allowRead = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/100%+a b"}]}"#
    static let trustEC2 = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
    static func bucketPolicy(_ bucket: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777777777777:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::\#(bucket)/*"}]}"#
    }
    static let samlMetadata = #"<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com">"#
        + String(repeating: "<Extension>padding</Extension>", count: 40) + "</EntityDescriptor>"
    let backend: HTTPBackend

    init() throws {
        let server = try #require(MotoServer.current, "the suite trait starts moto_server")
        backend = try HTTPBackend(HTTPBackend.Configuration(endpoint: server.url, parallelism: 4), environment: [:])
    }

    static func document(_ text: String) -> PolicySource { PolicySource(document: (try? JSONParser.parse(text)) ?? .null) }

    /// One of most resource types (no service-linked role). The login profile does not ask for a
    /// password reset: moto drops PasswordResetRequired (see MotoRefreshReadTests).
    /// Bucket names are global (in moto too), so each account gets its own.
    static func configuration(account: String = account) -> Configuration {
        var target = Account(name: "target", id: account)
        target.alias = "acme-refresh"
        var password = PasswordPolicy()
        password.minimumPasswordLength = 14
        password.requireSymbols = true
        target.passwordPolicy = password
        var managed = ManagedPolicy(name: "ReadReports", document: document(allowRead))
        managed.description = "Read the reports"
        target.policies = [managed]
        var group = Group(name: "developers")
        group.policies = [PolicyAttachment(arn: "arn:aws:iam::aws:policy/ReadOnlyAccess", name: "ReadOnlyAccess", isAWSManaged: true)]
        group.inlinePolicies = [InlinePolicy(name: "GroupInline", document: document(allowRead))]
        target.groups = [group]
        var alice = User(name: "alice")
        alice.path = "/eng/"
        alice.tags = [Tag(key: "team", value: "platform")]
        alice.groups = ["developers"]
        alice.policies = [PolicyAttachment(arn: "arn:aws:iam::\(account):policy/ReadReports", name: "ReadReports", isAWSManaged: false)]
        alice.inlinePolicies = [InlinePolicy(name: "AllowRead", document: document(allowRead))]
        alice.loginProfile = LoginProfile(passwordResetRequired: false)
        alice.accessKeys = 1
        target.users = [alice]
        var role = Role(name: "S3Access", trustPolicy: document(trustEC2))
        role.description = "S3 access"
        role.tags = [Tag(key: "env", value: "prod")]
        role.inlinePolicies = [InlinePolicy(name: "RoleInline", document: document(allowRead))]
        target.roles = [role]
        var profile = InstanceProfile(name: "web")
        profile.role = "S3Access"
        target.instanceProfiles = [profile]
        target.identityProviders = [
            IdentityProvider(
                name: "github",
                kind: .oidc(
                    url: "https://token.actions.githubusercontent.com", clientIDs: ["sts.amazonaws.com"],
                    thumbprints: ["6938fd4d98bab03faadb97b34396831e3780aea1"])),
            IdentityProvider(name: "corp-sso", kind: .saml(metadataDocument: samlMetadata)),
        ]
        var bucket = Bucket(name: "iamconf-refresh-\(account)")
        bucket.policy = document(bucketPolicy("iamconf-refresh-\(account)"))
        target.buckets = [bucket]
        return Configuration(accounts: [target])
    }

    /// Applies the configuration through the endpoint and returns the state the apply recorded.
    func applied(account: String = account) async throws -> State {
        let desired = DesiredResources.from(Self.configuration(account: account))
        let plan = Planner().plan(desired: desired, prior: nil, backend: backend.descriptor)
        let recorder = AppliedResources()
        let report = await Applier(backend: backend, parallelism: 4).apply(plan) { outcome in await recorder.record(outcome) }
        if let failure = report.failures.first { throw failure.error }
        return State(lineage: "moto-refresh", serial: 1, backend: backend.descriptor, resources: await recorder.resources)
    }

    /// One test, because the drift half needs the applied state of the first and moto keeps state
    /// for the whole suite.
    @Test func refreshSeesNoDriftThenExactlyTheChangesMadeBehindItsBack() async throws {
        let state = try await applied()
        #expect(state.resources.count == 20)

        let clean = try await Refresher(backend: backend, parallelism: 4).refresh(state)
        #expect(clean.unreadable.isEmpty, "\(clean.unreadable)")
        #expect(clean.drift.map { "\($0.address) \($0.kind.rawValue) \($0.changes.map(\.name))" } == [])
        for (address, before) in state.resources {
            #expect(clean.state.resources[address]?.attributes == before.attributes, "\(address)")
        }
        let plan = Planner().plan(desired: DesiredResources.from(Self.configuration()), prior: clean.state, backend: backend.descriptor)
        #expect(plan.changes.isEmpty)

        // Behind iamconf's back: a new path and tag on alice, and another inline document.
        let widened = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#
        _ = try await backend.perform(.updateUser(name: "alice", newPath: "/ops/"), in: Self.account)
        _ = try await backend.perform(.tagUser(name: "alice", tags: [Tag(key: "owner", value: "bob")]), in: Self.account)
        _ = try await backend.perform(.putUserPolicy(userName: "alice", policyName: "AllowRead", document: widened), in: Self.account)
        let drifted = try await Refresher(backend: backend, parallelism: 4).refresh(state)

        #expect(drifted.drift.map { "\($0.address) \($0.kind.rawValue) \($0.changes.map(\.name).joined(separator: ","))" } == [
            "target.user.alice changed path,tags", "target.user.alice.inline[AllowRead] changed document",
        ])
        let user = try #require(drifted.drift.first)
        #expect(user.changes.first == AttributeDrift(name: "path", before: .string("/eng/"), after: .string("/ops/")))
        #expect(user.changes.last?.before == .object([("team", .string("platform"))]))
        withKnownIssue("moto's UpdateUser with NewPath drops all the user's tags (AWS keeps them)") {
            #expect(user.changes.last?.after == .object([("owner", .string("bob")), ("team", .string("platform"))]))
        }
        let inline = try #require(drifted.drift.last)
        #expect(inline.changes == [AttributeDrift(name: "document", before: try JSONParser.parse(Self.allowRead), after: try JSONParser.parse(widened))])
        #expect(drifted.state.resources[user.address]?.outputs["arn"] == "arn:aws:iam::\(Self.account):user/ops/alice")
        #expect(drifted.unreadable.isEmpty)
    }

    /// Objects removed behind iamconf's back leave the refreshed state, and a plan creates them again.
    @Test func objectsDeletedBehindItsBackLeaveTheState() async throws {
        let account = "888888888888"
        let state = try await applied(account: account)
        let keyID = try #require(state.resources.values.first { $0.address.description == "target.user.alice.access_key[1]" }?.outputs["access_key_id"])
        let saml = try #require(state.resources.values.first { $0.address.description == "target.identity_provider.corp-sso" }?.outputs["arn"])
        let changes: [IAMRequest] = [
            .removeUserFromGroup(groupName: "developers", userName: "alice"), .deleteAccessKey(userName: "alice", accessKeyID: keyID),
            .deleteLoginProfile(userName: "alice"), .detachGroupPolicy(groupName: "developers", policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess"),
            .deleteGroupPolicy(groupName: "developers", policyName: "GroupInline"), .deleteBucketPolicy(bucket: "iamconf-refresh-\(account)"),
            .removeRoleFromInstanceProfile(profileName: "web", roleName: "S3Access"), .deleteSAMLProvider(arn: saml),
            .deleteAccountAlias(alias: "acme-refresh"), .deleteAccountPasswordPolicy,
        ]
        for change in changes { _ = try await backend.perform(change, in: account) }
        let result = try await Refresher(backend: backend, parallelism: 4).refresh(state)

        let deleted = [
            "target.alias", "target.bucket.iamconf-refresh-888888888888.policy", "target.group.developers.inline[GroupInline]",
            "target.group.developers.policy[ReadOnlyAccess]", "target.identity_provider.corp-sso",
            "target.instance_profile.web.role[S3Access]", "target.password_policy", "target.user.alice.access_key[1]",
            "target.user.alice.group[developers]", "target.user.alice.login_profile",
        ]
        #expect(result.drift.map(\.address.description).sorted() == deleted)
        #expect(result.drift.allSatisfy { $0.kind == .deleted && $0.changes.isEmpty })
        #expect(result.unreadable.isEmpty)
        #expect(result.state.resources.count == state.resources.count - deleted.count)
        let plan = Planner().plan(desired: DesiredResources.from(Self.configuration(account: account)), prior: result.state, backend: backend.descriptor)
        #expect(plan.changes.map(\.address.description).sorted() == deleted)
        #expect(plan.changes.allSatisfy { $0.action == .create })
    }

    /// `import` reads every resource type through the same reads: what it adopts equals what the
    /// apply recorded, and an object that is not there is refused.
    @Test func importAdoptsWhatTheEndpointHas() async throws {
        let account = "999999999999"
        let state = try await applied(account: account)
        let importer = Importer(backend: backend)
        let desired = DesiredResources.from(Self.configuration(account: account))
        for resource in desired {
            let recorded = try #require(state.resources[resource.address])
            let imported = try await importer.importResource(resource, id: Self.importID(of: recorded, type: resource.type))
            #expect(imported.attributes == recorded.attributes, "\(resource.address)")
            if let arn = recorded.outputs["arn"] { #expect(imported.outputs["arn"] == arn, "\(resource.address)") }
        }
        let user = try #require(desired.first { $0.type == .user })
        await #expect(throws: ImportError(.notFound, "nobody does not exist in account \(account), so it cannot be imported into \(user.address)")) {
            _ = try await importer.importResource(user, id: "nobody")
        }
    }

    /// The import id `iamconf import` takes for each type (see `Importer.idForm`).
    static func importID(of resource: ResourceState, type: ResourceType) -> String {
        func a(_ name: String) -> String { resource.attributes[name]?.stringValue ?? "" }
        switch type {
        case .user, .group, .role, .instanceProfile, .bucket: return a("name")
        case .loginProfile: return a("user")
        case .bucketPolicy: return a("bucket")
        case .accountAlias: return a("alias")
        case .passwordPolicy: return resource.accountID
        case .policy, .oidcProvider, .samlProvider: return resource.outputs["arn"] ?? ""
        case .serviceLinkedRole: return resource.outputs["name"] ?? ""
        case .userGroupMembership: return "\(a("user"))/\(a("group"))"
        case .userPolicyAttachment: return "\(a("user"))/\(a("policy_arn"))"
        case .groupPolicyAttachment: return "\(a("group"))/\(a("policy_arn"))"
        case .rolePolicyAttachment: return "\(a("role"))/\(a("policy_arn"))"
        case .userInlinePolicy, .groupInlinePolicy, .roleInlinePolicy: return "\(a("entity"))/\(a("name"))"
        case .instanceProfileRole: return "\(a("profile"))/\(a("role"))"
        case .accessKey: return "\(a("user"))/\(resource.outputs["access_key_id"] ?? "")"
        default: return ""  // a kind this table misses: its import fails and names it
        }
    }
}

/// Collects what an apply records, as the state store would.
actor AppliedResources {
    var resources: [Address: ResourceState] = [:]

    func record(_ outcome: Applier.Outcome) {
        outcome.apply(to: &resources)
    }
}
