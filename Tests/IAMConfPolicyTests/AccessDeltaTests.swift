import IAMConfCore
import Testing
@testable import IAMConfPolicy

@Suite("AccessDelta")
struct AccessDeltaTests {
    typealias F = EffectiveFixtures

    static let shared = ManagedPolicy(name: "Shared", document: F.doc([
        F.allow("s3:GetObject|s3:ListBucket", "arn:aws:s3:::data|arn:aws:s3:::data/*"),
        #"{"Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}}"#,
    ].joined(separator: ",")))

    static func world(shared: ManagedPolicy = shared, aliceInline: [String] = [], boundary: String? = nil) -> Configuration {
        var group = Group(name: "team")
        group.policies = [PolicyAttachment(arn: "arn:aws:iam::111111111111:policy/Shared", name: "Shared", isAWSManaged: false)]
        var alice = F.user("alice", inline: aliceInline, groups: ["team"], boundary: boundary)
        alice.policies = [F.managed("AmazonSQSReadOnlyAccess")]
        let bob = F.user("bob", groups: ["team"])
        let fence = ManagedPolicy(name: "Fence", document: F.doc(F.allow("sqs:*", "*")))
        return F.configuration(users: [alice, bob], groups: [group], policies: [shared, fence])
    }

    static func changes(_ before: Configuration, _ after: Configuration, _ scope: (inout AccessDeltaScope) -> Void) -> [AccessChange] {
        var s = AccessDeltaScope()
        scope(&s)
        return AccessDelta.changes(before: before, after: after, scope: s)
    }

    /// The delta without any shortcut: both summaries in full, then the difference.
    static func bruteForce(_ before: Configuration, _ after: Configuration, _ name: String) -> (gains: [String], losses: [String]) {
        let old = EffectiveAccess(configuration: before)
        let new = EffectiveAccess(configuration: after)
        guard let address = Address(parsing: name) else { return ([], []) }
        let was = old.subject(at: address).map { old.summary(of: $0).sets } ?? []
        let will = new.subject(at: address).map { new.summary(of: $0).sets } ?? []
        let gains = GrantGroup.groups(AccessDelta.difference(will, minus: was, coverage: new.coverage, kind: .previouslyOnly), index: new.index)
        let losses = GrantGroup.groups(AccessDelta.difference(was, minus: will, coverage: new.coverage, kind: .stillAllowed), index: new.index)
        return (gains.map(\.text), losses.map(\.text))
    }

    static func permissions(_ changes: [AccessChange], _ name: String) -> (gains: [String], losses: [String]) {
        for case let .permissions(change) in changes where change.principal.name == name {
            return (change.gains.map(\.text), change.losses.map(\.text))
        }
        return ([], [])
    }

    static let edits: [(name: String, after: Configuration)] = [
        ("an action added to a statement", world(shared: ManagedPolicy(name: "Shared", document: F.doc([
            F.allow("s3:GetObject|s3:ListBucket|s3:PutObject", "arn:aws:s3:::data|arn:aws:s3:::data/*"),
            #"{"Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}}"#,
        ].joined(separator: ","))))),
        ("the conditional deny removed", world(shared: ManagedPolicy(name: "Shared", document: F.doc(
            F.allow("s3:GetObject|s3:ListBucket", "arn:aws:s3:::data|arn:aws:s3:::data/*"))))),
        ("a narrower deny added", world(aliceInline: [F.deny("s3:GetObject", "arn:aws:s3:::data/secret/*")])),
        ("a boundary added", world(boundary: "Fence")),
        ("an MFA condition added", world(aliceInline: [F.allow("sqs:SendMessage", "*", condition: F.mfa)])),
    ]

    @Test("the focused delta equals both summaries compared in full", arguments: edits.map(\.name))
    func focusIsExact(_ edit: String) throws {
        let after = try #require(Self.edits.first { $0.name == edit }).after
        let before = Self.world()
        let changes = Self.changes(before, after) {
            $0.policies = ["arn:aws:iam::111111111111:policy/Shared"]
            $0.principals = [Address(account: "main", kind: .user, name: "alice")]
        }
        for name in ["main.user.alice", "main.user.bob"] {
            let focused = Self.permissions(changes, name)
            let full = Self.bruteForce(before, after, name)
            #expect(focused.gains == full.gains, "\(edit): \(name) gains")
            #expect(focused.losses == full.losses, "\(edit): \(name) losses")
        }
        #expect(!changes.isEmpty, "\(edit) changes something")
    }

    @Test("removing a condition is a gain that says what it was; adding one is a loss that says what remains")
    func conditionChanges() {
        let plain = F.configuration(users: [F.user("alice", inline: [F.allow("s3:PutObject", "arn:aws:s3:::reports/*")])])
        let mfa = F.configuration(users: [F.user("alice", inline: [F.allow("s3:PutObject", "arn:aws:s3:::reports/*", condition: F.mfa)])])
        let scope: (inout AccessDeltaScope) -> Void = { $0.principals = [Address(account: "main", kind: .user, name: "alice")] }
        let relaxed = Self.permissions(Self.changes(mfa, plain, scope), "main.user.alice")
        #expect(relaxed.gains == ["s3 Write (1 of 51): PutObject on arn:aws:s3:::reports/* (before: only when aws:MultiFactorAuthPresent is true)"])
        #expect(relaxed.losses.isEmpty)
        let tightened = Self.permissions(Self.changes(plain, mfa, scope), "main.user.alice")
        #expect(tightened.gains.isEmpty)
        #expect(tightened.losses == ["s3 Write (1 of 51): PutObject on arn:aws:s3:::reports/* (still allowed when aws:MultiFactorAuthPresent is true)"])
    }

    @Test("a trust condition dropped is a gain that says what it was; one added is a loss that says what remains")
    func trustConditionsAreCompared() throws {
        func world(mfa: Bool) -> Configuration {
            let condition = mfa ? #","Condition":\#(F.mfa)"# : ""
            let trust = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole"\#(condition)}"#)
            return F.configuration(users: [], roles: [Role(name: "Deploy", trustPolicy: trust)])
        }
        let role = try #require(Address(parsing: "main.role.Deploy"))
        func trust(_ changes: [AccessChange]) -> TrustChange? {
            for case let .trust(change) in changes { return change }
            return nil
        }
        let dropped = try #require(trust(Self.changes(world(mfa: true), world(mfa: false)) { $0.trusts = [role] }))
        #expect(dropped.losses.isEmpty)
        #expect(dropped.gains.map(\.text) == [
            "arn:aws:iam::222222222222:root via sts:AssumeRole (any principal of the account that its own policies allow) (before: only when aws:MultiFactorAuthPresent is true)",
        ])
        let added = try #require(trust(Self.changes(world(mfa: false), world(mfa: true)) { $0.trusts = [role] }))
        #expect(added.gains.isEmpty)
        #expect(added.losses.map(\.text) == [
            "arn:aws:iam::222222222222:root via sts:AssumeRole (any principal of the account that its own policies allow) (still allowed when aws:MultiFactorAuthPresent is true)",
        ])
    }

    @Test("a narrower deny added loses just that resource")
    func narrowerDeny() {
        let before = F.configuration(users: [F.user("alice", inline: [F.allow("s3:GetObject", "*")])])
        let after = F.configuration(users: [F.user("alice", inline: [F.allow("s3:GetObject", "*"), F.deny("s3:GetObject", "arn:aws:s3:::data/secret/*")])])
        let delta = Self.permissions(Self.changes(before, after) { $0.principals = [Address(account: "main", kind: .user, name: "alice")] }, "main.user.alice")
        #expect(delta.gains.isEmpty)
        #expect(delta.losses == ["s3 Read (1 of 62): GetObject on arn:aws:s3:::data/secret/*"])
    }

    @Test("the same configuration on both sides changes nothing, whoever is in scope")
    func noChange() {
        let world = Self.world()
        let changes = Self.changes(world, world) {
            $0.principals = [Address(account: "main", kind: .user, name: "alice")]
            $0.groups = [Address(account: "main", kind: .group, name: "team")]
        }
        #expect(changes.isEmpty)
    }

    @Test("the accepted-resource table agrees with the per-kind rule", arguments: [
        "*", "arn:aws:s3:::data/*", "arn:aws:iam::111111111111:role/Deploy", "arn:aws:*:*:*:*", "arn:*:s3:::x", "not-an-arn",
        "arn:aws:dynamodb:us-east-1:111111111111:table/t",
    ])
    func acceptance(_ resource: String) {
        let index = ActionIndex.shared
        var expected = index.empty
        for kind in index.resourceKinds.indices where index.accepts(kind: kind, resource: resource) { expected.formUnion(index.kindSets[kind]) }
        #expect(index.accepting(resource) == expected)
    }
}
