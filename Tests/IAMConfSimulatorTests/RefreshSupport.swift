import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfSimulator
import IAMConfState

/// A configuration with one of every resource type, built in code (this target has no YAML loader),
/// applied to a simulator so refresh and import tests start from a known, matching state.
enum RefreshFixture {
    static func document(_ text: String) -> PolicySource {
        PolicySource(document: (try? JSONParser.parse(text)) ?? .null)
    }

    static let policyARN = "arn:aws:iam::\(account):policy/ReadReports"
    static let readOnlyARN = "arn:aws:iam::aws:policy/ReadOnlyAccess"
    static let oidcARN = "arn:aws:iam::\(account):oidc-provider/token.actions.githubusercontent.com"
    static let samlARN = "arn:aws:iam::\(account):saml-provider/corp-sso"
    static let reportsPolicy =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared-reports/*"}]}"#

    static var configuration: Configuration {
        var target = Account(name: "target", id: account)
        target.alias = "acme-target"
        target.passwordPolicy = .strict
        var managed = ManagedPolicy(name: "ReadReports", document: document(allowRead))
        managed.description = "Read the reports"
        target.policies = [managed]
        var group = Group(name: "developers")
        group.policies = [PolicyAttachment(arn: readOnlyARN, name: "ReadOnlyAccess", isAWSManaged: true)]
        group.inlinePolicies = [InlinePolicy(name: "GroupInline", document: document(allowRead))]
        target.groups = [group]
        var alice = User(name: "alice")
        alice.path = "/eng/"
        alice.tags = [Tag(key: "team", value: "platform")]
        alice.groups = ["developers"]
        alice.policies = [PolicyAttachment(arn: policyARN, name: "ReadReports", isAWSManaged: false)]
        alice.inlinePolicies = [InlinePolicy(name: "AllowAssume", document: document(allowRead))]
        alice.loginProfile = LoginProfile(passwordResetRequired: true)
        alice.accessKeys = 1
        target.users = [alice]
        var role = Role(name: "S3Access", trustPolicy: document(trustEC2))
        role.description = "S3 access"
        role.tags = [Tag(key: "env", value: "prod")]
        role.policies = [PolicyAttachment(arn: "arn:aws:iam::aws:policy/AmazonS3FullAccess", name: "AmazonS3FullAccess", isAWSManaged: true)]
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
        target.serviceLinkedRoles = [ServiceLinkedRole(service: "autoscaling.amazonaws.com")]
        var bucket = Bucket(name: "shared-reports")
        bucket.policy = document(reportsPolicy)
        target.buckets = [bucket]
        return Configuration(accounts: [target])
    }

    static var desired: [Resource] { DesiredResources.from(configuration) }

    /// Applies the fixture to `simulator` and returns the state the apply recorded.
    static func apply(to simulator: IAMSimulator, desired: [Resource] = RefreshFixture.desired) async throws -> State {
        let plan = Planner().plan(desired: desired, prior: nil, backend: .simulator)
        let recorder = StateRecorder()
        let report = await Applier(backend: simulator).apply(plan) { outcome in await recorder.record(outcome) }
        if let failure = report.failures.first { throw failure.error }
        return State(lineage: "test", serial: 1, backend: .simulator, resources: await recorder.resources)
    }
}

/// Collects what an apply records, as the state store would.
actor StateRecorder {
    var resources: [Address: ResourceState] = [:]

    func record(_ outcome: Applier.Outcome) {
        outcome.apply(to: &resources)
    }
}

extension State {
    /// The resource printed as `text` (addresses are compared in their printed form, as users write them).
    func resource(_ text: String) -> ResourceState? {
        resources.values.first { $0.address.description == text }
    }
}

/// Wraps a backend to count how many calls run at once and to fail chosen actions.
actor ProbeBackend: Backend {
    nonisolated let descriptor = BackendDescriptor.simulator
    let inner: any Backend
    let failing: [String: BackendError]
    private(set) var running = 0
    private(set) var maximum = 0
    private(set) var calls = 0

    init(_ inner: any Backend, failing: [String: BackendError] = [:]) {
        self.inner = inner
        self.failing = failing
    }

    func perform(_ request: IAMRequest, in account: String) async throws(BackendError) -> IAMResponse {
        calls += 1
        running += 1
        maximum = max(maximum, running)
        defer { running -= 1 }
        try? await Task.sleep(for: .milliseconds(2))
        if let error = failing[request.actionName] { throw error }
        return try await inner.perform(request, in: account)
    }
}
