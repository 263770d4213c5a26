import IAMConfCore
import Testing
@testable import IAMConfPolicy

/// A small account built in code: users, groups and roles with the documents each test gives.
enum EffectiveFixtures {
    static let account = "111111111111"

    static func doc(_ statements: String) -> PolicySource {
        PolicySource(document: (try? JSONParser.parse(#"{"Version":"2012-10-17","Statement":[\#(statements)]}"#)) ?? .null)
    }

    static func allow(_ action: String, _ resource: String, condition: String? = nil) -> String {
        #"{"Effect":"Allow","Action":\#(list(action)),"Resource":\#(list(resource))\#(condition.map { #","Condition":\#($0)"# } ?? "")}"#
    }

    static func deny(_ action: String, _ resource: String, condition: String? = nil) -> String {
        #"{"Effect":"Deny","Action":\#(list(action)),"Resource":\#(list(resource))\#(condition.map { #","Condition":\#($0)"# } ?? "")}"#
    }

    /// `"a"` or `["a","b"]` from `a` or `a|b`.
    static func list(_ text: String) -> String {
        let parts = text.split(separator: "|").map { "\"\($0)\"" }
        return parts.count == 1 ? parts[0] : "[\(parts.joined(separator: ","))]"
    }

    static let mfa = #"{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"#

    static func user(_ name: String, inline: [String] = [], groups: [String] = [], boundary: String? = nil, tags: [IAMConfCore.Tag] = []) -> User {
        var user = User(name: name)
        user.inlinePolicies = inline.enumerated().map { InlinePolicy(name: "P\($0.offset)", document: doc($0.element)) }
        user.groups = groups
        user.tags = tags
        user.permissionsBoundary = boundary.map { PolicyAttachment(arn: "arn:aws:iam::\(account):policy/\($0)", name: $0, isAWSManaged: false) }
        return user
    }

    static func managed(_ name: String) -> PolicyAttachment {
        PolicyAttachment(arn: "arn:aws:iam::aws:policy/\(name)", name: name, isAWSManaged: true)
    }

    static func configuration(
        users: [User], groups: [Group] = [], roles: [Role] = [], policies: [ManagedPolicy] = [], buckets: [Bucket] = [],
        others: [Account] = []
    ) -> Configuration {
        var main = Account(name: "main", id: account)
        main.users = users
        main.groups = groups
        main.roles = roles
        main.policies = policies
        main.buckets = buckets
        return Configuration(accounts: [main] + others)
    }

    static func summary(_ configuration: Configuration, _ principal: String) throws -> AccessSummary {
        try EffectiveAccess(configuration: configuration).summary(of: principal)
    }
}

@Suite("EffectiveAccess")
struct EffectiveAccessTests {
    typealias F = EffectiveFixtures
    let catalog = ActionCatalog.shared

    static func takesS3ARNs(_ action: ActionInfo) -> Bool {
        action.resourceTypes.contains { $0.arnFormat.hasPrefix("arn:${Partition}:s3:") }
    }

    @Test("a wildcard expands through the catalog and is grouped by access level")
    func wildcardExpansion() throws {
        let config = F.configuration(users: [F.user("alice", inline: [F.allow("s3:Get*", "arn:aws:s3:::reports/*")])])
        let summary = try F.summary(config, "main.user.alice")
        // Only the actions whose resource types live in S3 can be granted on an S3 ARN: not
        // s3:GetAccountPublicAccessBlock (Resource "*" only), nor the Object Lambda access point ones.
        let expected = Set(catalog.actions(matching: "s3:Get*").filter(Self.takesS3ARNs).map(\.qualifiedName))
        #expect(Set(summary.grants.map(\.action)) == expected)
        #expect(!expected.contains("s3:GetAccountPublicAccessBlock") && !expected.contains("s3:GetAccessPointForObjectLambda"))
        #expect(summary.grants.allSatisfy { $0.resource == "arn:aws:s3:::reports/*" && $0.conditions.isEmpty })
        #expect(!summary.groups.isEmpty)
        for group in summary.groups {
            #expect(group.scope == .accessLevel)
            #expect(group.service == "s3")
            #expect(group.actions.allSatisfy { catalog.action($0)?.accessLevel == group.accessLevel })
        }
        let read = try #require(summary.groups.first { $0.accessLevel == .read })
        #expect(read.actions.contains("s3:GetObject"))
        #expect(read.text.hasPrefix("s3 Read (\(read.actionCount) of \(read.totalCount)): "))
        #expect(summary.groups.reduce(0) { $0 + $1.actionCount } == expected.count)
    }

    @Test("NotAction grants every catalog action it does not name")
    func notAction() throws {
        let statement = #"{"Effect":"Allow","NotAction":["iam:*","sts:*"],"Resource":"*"}"#
        let summary = try F.summary(F.configuration(users: [F.user("alice", inline: [statement])]), "main.user.alice")
        let everything = catalog.actions(matching: "*").count
        let excluded = catalog.actions(matching: "iam:*").count + catalog.actions(matching: "sts:*").count
        #expect(summary.actionCount == everything - excluded)
        #expect(!summary.grants.contains { $0.action.hasPrefix("iam:") || $0.action.hasPrefix("sts:") })
        let all = try #require(summary.groups.first)
        #expect(all.scope == .allActions)
        #expect(all.excludedServices == ["iam", "sts"])
        #expect(summary.groups.count == 1)
    }

    @Test("AdministratorAccess is every action of every service, said in one line")
    func administrator() throws {
        var user = F.user("root-ish")
        user.policies = [F.managed("AdministratorAccess")]
        let summary = try F.summary(F.configuration(users: [user]), "main.user.root-ish")
        #expect(summary.groups.map(\.text) == ["every action of every service on *"])
        #expect(summary.actionCount == catalog.actions(matching: "*").count)
    }

    @Test("the permissions boundary intersects: only what both allow, on the boundary's narrower resources")
    func boundary() throws {
        let boundary = ManagedPolicy(name: "DevOnly", document: F.doc(F.allow("s3:*", "arn:aws:s3:::dev-*")))
        let user = F.user("alice", inline: [F.allow("s3:*|ec2:*", "*")], boundary: "DevOnly")
        let summary = try F.summary(F.configuration(users: [user], policies: [boundary]), "main.user.alice")
        #expect(!summary.grants.contains { $0.action.hasPrefix("ec2:") })
        #expect(Set(summary.grants.map(\.resource)) == ["arn:aws:s3:::dev-*"])
        #expect(summary.actionCount == catalog.actions(matching: "s3:*").filter(Self.takesS3ARNs).count)
        #expect(summary.groups.allSatisfy { $0.service == "s3" && $0.resources == ["arn:aws:s3:::dev-*"] })
    }

    @Test("an explicit deny removes the action; a deny on a narrower resource shows as an exception")
    func explicitDeny() throws {
        let user = F.user("alice", inline: [
            F.allow("s3:*", "*"), F.deny("s3:DeleteBucket", "*"), F.deny("s3:PutObject", "arn:aws:s3:::prod/*"),
        ])
        let summary = try F.summary(F.configuration(users: [user]), "main.user.alice")
        #expect(!summary.grants.contains { $0.action == "s3:DeleteBucket" })
        let put = try #require(summary.grants.first { $0.action == "s3:PutObject" })
        #expect(put.resource == "*")
        #expect(put.exceptions == ["arn:aws:s3:::prod/*"])
        #expect(put.text == "s3:PutObject on * (except arn:aws:s3:::prod/*)")
        let get = try #require(summary.grants.first { $0.action == "s3:GetObject" })
        #expect(get.exceptions.isEmpty)
        #expect(summary.grants.contains { $0.action == "s3:ListAllMyBuckets" && $0.resource == "*" })
    }

    @Test("conditions on the request are kept; conditions on the principal are decided")
    func conditions() throws {
        let tagged = #"{"StringEquals":{"aws:PrincipalTag/team":"data"}}"#
        let policies = [
            F.allow("s3:PutObject", "arn:aws:s3:::reports/*", condition: F.mfa),
            F.allow("s3:GetObject", "arn:aws:s3:::data/*", condition: tagged),
            F.deny("s3:PutObject", "*", condition: #"{"Bool":{"aws:SecureTransport":"false"}}"#),
        ]
        let config = F.configuration(users: [
            F.user("alice", inline: policies, tags: [IAMConfCore.Tag(key: "team", value: "data")]), F.user("bob", inline: policies),
        ])
        let alice = try F.summary(config, "main.user.alice")
        let put = try #require(alice.grants.first { $0.action == "s3:PutObject" })
        #expect(put.text == "s3:PutObject on arn:aws:s3:::reports/* when aws:MultiFactorAuthPresent is true unless aws:SecureTransport is false")
        let get = try #require(alice.grants.first { $0.action == "s3:GetObject" })
        #expect(get.conditions.isEmpty, "alice has the tag: the condition holds, nothing to report")
        let secrets = F.configuration(users: [F.user("carol", inline: [
            F.allow("secretsmanager:GetSecretValue", "*", condition: #"{"StringEquals":{"secretsmanager:ResourceTag/owner":"${aws:username}"}}"#),
        ])])
        #expect(try F.summary(secrets, "main.user.carol").grants.map(\.text) == [
            "secretsmanager:GetSecretValue on * when secretsmanager:ResourceTag/owner is carol",
        ])
        let bob = try F.summary(config, "main.user.bob")
        #expect(!bob.grants.contains { $0.action == "s3:GetObject" }, "bob lacks the tag")
        #expect(bob.grants.contains { $0.action == "s3:PutObject" })
    }

    @Test("a user inherits its groups' policies; a group alone shows what it gives its members")
    func groupInheritance() throws {
        var group = Group(name: "readers")
        group.policies = [F.managed("AmazonS3ReadOnlyAccess")]
        group.inlinePolicies = [InlinePolicy(name: "Logs", document: F.doc(F.allow("logs:PutLogEvents", "*")))]
        let config = F.configuration(users: [F.user("alice", groups: ["readers"]), F.user("bob")], groups: [group])
        let alice = try F.summary(config, "main.user.alice")
        #expect(alice.grants.contains { $0.action == "s3:GetObject" && $0.resource == "*" })
        #expect(alice.grants.contains { $0.action == "logs:PutLogEvents" })
        #expect(!alice.grants.contains { $0.action == "s3:PutObject" })
        #expect(try F.summary(config, "main.user.bob").grants.isEmpty)
        let readers = try F.summary(config, "main.group.readers")
        #expect(Set(readers.grants.map(\.action)) == Set(alice.grants.map(\.action)))
    }

    @Test("policy variables of the principal are filled in; an action's resource type must fit")
    func variablesAndResourceTypes() throws {
        let user = F.user("alice", inline: [F.allow("s3:GetObject|iam:GetUser", "arn:aws:s3:::home/${aws:username}/*|arn:aws:iam::111111111111:user/${aws:username}")])
        let summary = try F.summary(F.configuration(users: [user]), "main.user.alice")
        #expect(summary.grants.map(\.text).sorted() == [
            "iam:GetUser on arn:aws:iam::111111111111:user/alice", "s3:GetObject on arn:aws:s3:::home/alice/*",
        ])
    }

    @Test("a role lists who can assume it, with the trust policy's conditions")
    func roleAssumers() throws {
        var role = Role(name: "Deploy", trustPolicy: F.doc(
            #"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root","Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Condition":\#(F.mfa)}"#))
        role.policies = [F.managed("AmazonS3ReadOnlyAccess")]
        let summary = try F.summary(F.configuration(users: [], roles: [role]), "main.role.Deploy")
        #expect(summary.assumableBy?.map(\.text) == [
            "arn:aws:iam::222222222222:root via sts:AssumeRole when aws:MultiFactorAuthPresent is true (any principal of the account that its own policies allow)",
            "ec2.amazonaws.com via sts:AssumeRole when aws:MultiFactorAuthPresent is true",
        ])
        #expect(summary.grants.contains { $0.action == "s3:GetObject" })
    }

    @Test("an unknown principal is an error with the nearest name")
    func unknownPrincipal() throws {
        let config = F.configuration(users: [F.user("alice")])
        #expect(throws: AccessError("unknown-user", "account main has no user named 'alise'", hint: "did you mean main.user.alice?")) {
            try F.summary(config, "main.user.alise")
        }
    }
}
