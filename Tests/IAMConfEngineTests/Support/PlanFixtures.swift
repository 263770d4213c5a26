import IAMConfCore
import IAMConfState

@testable import IAMConfEngine

/// Hand-made resources and states: a small world where one plan holds every kind of change.
enum PlanFixtures {
    static let accountID = "111111111111"
    static let secretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY"
    static let password = "Hunter2-Sup3rSecret!"

    static func address(_ text: String) -> Address {
        guard let parsed = Address(parsing: text) else { preconditionFailure("bad fixture address \(text)") }
        return parsed
    }

    static func document(_ json: String) -> JSONValue {
        do {
            return try JSONParser.parse(json)
        } catch {
            preconditionFailure("bad fixture JSON: \(error)")
        }
    }

    static func resource(_ text: String, _ type: ResourceType, _ attributes: [String: JSONValue], dependsOn: [String] = []) -> Resource {
        Resource(address: address(text), type: type, accountID: accountID, attributes: attributes, dependencies: dependsOn.map(address))
    }

    /// The applied form of a resource, with backend outputs and secrets added.
    static func applied(_ resource: Resource, outputs: [String: String] = [:], secrets: [String: String] = [:]) -> ResourceState {
        ResourceState(
            address: resource.address, type: resource.type, accountID: resource.accountID, attributes: resource.attributes,
            outputs: outputs, secrets: secrets, dependencies: resource.dependencies)
    }

    static func arn(_ kind: String, _ name: String, path: String = "/") -> [String: String] {
        ["arn": "arn:aws:iam::\(accountID):\(kind)\(path)\(name)"]
    }

    // MARK: Documents

    static let trustOld = document(#"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole"}]}
        """#)
    static let trustNew = document(#"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}
        """#)
    static let reportsOld = document(#"""
        {"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::shared-reports","arn:aws:s3:::shared-reports/*"]}]}
        """#)
    static let reportsNew = document(#"""
        {"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket","s3:PutObject"],"Resource":["arn:aws:s3:::shared-reports","arn:aws:s3:::shared-reports/*"]}]}
        """#)

    // MARK: The world

    static func user(_ name: String, path: String, tags: [(String, String)]) -> Resource {
        resource(
            "target.user.\(name)", .user,
            [
                "name": .string(name), "path": .string(path), "permissions_boundary": .null,
                "tags": .object(tags.map { (key: $0.0, value: JSONValue.string($0.1)) }),
            ])
    }

    static func role(path: String, trust: JSONValue) -> Resource {
        resource(
            "target.role.S3Access", .role,
            [
                "name": .string("S3Access"), "path": .string(path), "description": .string("Cross-account S3 access"),
                "max_session_duration": .number("3600"), "tags": .object([]), "permissions_boundary": .null,
                "assume_role_policy": trust,
            ])
    }

    static let roleAttachment = resource(
        "target.role.S3Access.policy[AmazonS3FullAccess]", .rolePolicyAttachment,
        ["role": .string("S3Access"), "policy_arn": .string("arn:aws:iam::aws:policy/AmazonS3FullAccess")],
        dependsOn: ["target.role.S3Access"])

    static func reports(_ document: JSONValue) -> Resource {
        resource(
            "target.policy.Reports", .policy,
            ["name": .string("Reports"), "path": .string("/"), "description": .null, "tags": .object([]), "document": document])
    }

    static let alias = resource("target.alias", .accountAlias, ["alias": .string("acme-target")])
    static let bob = user("bob", path: "/", tags: [])
    static let bobKey = resource(
        "target.user.bob.access_key[1]", .accessKey, ["user": .string("bob"), "index": .number("1")], dependsOn: ["target.user.bob"])
    static let bobLogin = resource(
        "target.user.bob.login_profile", .loginProfile, ["user": .string("bob"), "password_reset_required": .bool(true)],
        dependsOn: ["target.user.bob"])

    /// What was applied before: alice, bob with a key and a password, the role and its attachment.
    static var prior: State {
        let resources = [
            applied(alias),
            applied(user("alice", path: "/engineering/", tags: [("old", "x"), ("team", "platform")]), outputs: arn("user", "alice", path: "/engineering/")),
            applied(bob, outputs: arn("user", "bob")),
            applied(bobKey, outputs: ["access_key_id": "AKIAEXAMPLEBOB000001"], secrets: ["secret_access_key": secretKey]),
            applied(bobLogin, secrets: ["password": password]),
            applied(role(path: "/", trust: trustOld), outputs: arn("role", "S3Access")),
            applied(roleAttachment),
            applied(reports(reportsOld), outputs: arn("policy", "Reports").merging(["default_version_id": "v1"]) { a, _ in a }),
        ]
        return State(
            lineage: "5f0c6b1e-6d1a-4c2e-9a53-2f4f1d1e9b7a", serial: 7, backend: .simulator,
            resources: Dictionary(uniqueKeysWithValues: resources.map { ($0.address, $0) }))
    }

    /// What the configuration wants now: alice moved and retagged, the role moved (a replacement)
    /// with a stricter trust policy, a policy's document edited, bob gone, a group and a membership new.
    static var desired: [Resource] {
        [
            alias,
            user("alice", path: "/platform/", tags: [("env", "prod"), ("team", "infra")]),
            resource("target.group.developers", .group, ["name": .string("developers"), "path": .string("/")]),
            resource(
                "target.user.alice.group[developers]", .userGroupMembership,
                ["user": .string("alice"), "group": .string("developers")], dependsOn: ["target.user.alice", "target.group.developers"]),
            role(path: "/service/", trust: trustNew),
            roleAttachment,
            reports(reportsNew),
            resource(
                "target.role.Deploy", .role,
                [
                    "name": .string("Deploy"), "path": .string("/"), "description": .null, "max_session_duration": .number("3600"),
                    "tags": .object([(key: "team", value: .string("platform"))]), "permissions_boundary": .null,
                    "assume_role_policy": trustOld,
                ]),
        ]
    }

    static var mixedPlan: Plan { Planner().plan(desired: desired, prior: prior, backend: .simulator) }
    static var destroyPlan: Plan { Planner().plan(desired: desired, prior: prior, backend: .simulator, mode: .destroy) }

    /// The prior state's own resources desired again: nothing to do.
    static var noChangePlan: Plan {
        let state = prior
        let desired = state.sortedResources.map { r in
            Resource(address: r.address, type: r.type, accountID: r.accountID, attributes: r.attributes, dependencies: r.dependencies)
        }
        return Planner().plan(desired: desired, prior: state, backend: .simulator)
    }
}
