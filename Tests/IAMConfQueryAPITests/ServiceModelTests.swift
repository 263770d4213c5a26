import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfQueryAPI
import Testing

/// Every IAMRequest encodes to an operation of AWS's own IAM service model (botocore's
/// service-2.json, dumped by Fixtures/botocore/make_iam_shapes.py), with only members that
/// operation takes, every required one, and lists in the `Name.member.N` form.
@Suite struct ServiceModelTests {
    struct Shape: Decodable, Sendable {
        var members: [String]
        var required: [String]
        var lists: [String]
    }

    struct Model: Decodable, Sendable {
        var iam: [String: Shape]
        var sts: [String: Shape]
    }

    static let model: Model? = {
        guard let data = try? FixtureFiles.data("botocore/iam-input-shapes.json") else { return nil }
        return try? JSONDecoder().decode(Model.self, from: data)
    }()

    static let tags = [Tag(key: "k", value: "v")]
    static let document = #"{"Version":"2012-10-17","Statement":[]}"#

    /// One instance of every IAM case (the simulated-S3 ones have no Query form).
    static let samples: [IAMRequest] = {
        var policy = PasswordPolicy()
        policy.minimumPasswordLength = 14
        policy.requireSymbols = true
        policy.maxPasswordAge = 90
        return [
            .createUser(name: "u", path: "/", tags: tags, permissionsBoundary: "arn:b"), .getUser(name: "u"),
            .updateUser(name: "u", newPath: "/p/"), .deleteUser(name: "u"), .tagUser(name: "u", tags: tags),
            .untagUser(name: "u", keys: ["k"]), .putUserPermissionsBoundary(name: "u", policyARN: "arn:b"),
            .deleteUserPermissionsBoundary(name: "u"), .createLoginProfile(userName: "u", passwordResetRequired: true),
            .updateLoginProfile(userName: "u", passwordResetRequired: false, newPassword: false), .deleteLoginProfile(userName: "u"),
            .createAccessKey(userName: "u"), .deleteAccessKey(userName: "u", accessKeyID: "AKIA"),
            .createGroup(name: "g", path: "/"), .getGroup(name: "g"), .updateGroup(name: "g", newPath: "/p/"),
            .deleteGroup(name: "g"), .addUserToGroup(groupName: "g", userName: "u"),
            .removeUserFromGroup(groupName: "g", userName: "u"),
            .createRole(name: "r", path: "/", trustPolicy: document, description: "d", maxSessionDuration: 3600, tags: tags, permissionsBoundary: "arn:b"),
            .getRole(name: "r"), .updateRole(name: "r", description: "d", maxSessionDuration: 3600),
            .updateAssumeRolePolicy(roleName: "r", policyDocument: document), .deleteRole(name: "r"),
            .tagRole(name: "r", tags: tags), .untagRole(name: "r", keys: ["k"]),
            .putRolePermissionsBoundary(name: "r", policyARN: "arn:b"), .deleteRolePermissionsBoundary(name: "r"),
            .createServiceLinkedRole(serviceName: "autoscaling.amazonaws.com", customSuffix: "s", description: "d"),
            .deleteServiceLinkedRole(roleName: "r"),
            .createPolicy(name: "p", path: "/", description: "d", document: document, tags: tags), .getPolicy(arn: "arn:p"),
            .createPolicyVersion(policyARN: "arn:p", document: document, setAsDefault: true),
            .listPolicyVersions(policyARN: "arn:p"), .deletePolicyVersion(policyARN: "arn:p", versionID: "v1"),
            .deletePolicy(arn: "arn:p"),
            .attachUserPolicy(userName: "u", policyARN: "arn:p"), .detachUserPolicy(userName: "u", policyARN: "arn:p"),
            .attachGroupPolicy(groupName: "g", policyARN: "arn:p"), .detachGroupPolicy(groupName: "g", policyARN: "arn:p"),
            .attachRolePolicy(roleName: "r", policyARN: "arn:p"), .detachRolePolicy(roleName: "r", policyARN: "arn:p"),
            .putUserPolicy(userName: "u", policyName: "i", document: document), .deleteUserPolicy(userName: "u", policyName: "i"),
            .putGroupPolicy(groupName: "g", policyName: "i", document: document), .deleteGroupPolicy(groupName: "g", policyName: "i"),
            .putRolePolicy(roleName: "r", policyName: "i", document: document), .deleteRolePolicy(roleName: "r", policyName: "i"),
            .createInstanceProfile(name: "ip", path: "/", tags: tags), .deleteInstanceProfile(name: "ip"),
            .addRoleToInstanceProfile(profileName: "ip", roleName: "r"), .removeRoleFromInstanceProfile(profileName: "ip", roleName: "r"),
            .createOpenIDConnectProvider(url: "https://e.com", clientIDs: ["c"], thumbprints: ["t"], tags: tags),
            .updateOpenIDConnectProviderThumbprint(arn: "arn:o", thumbprints: ["t"]), .deleteOpenIDConnectProvider(arn: "arn:o"),
            .createSAMLProvider(name: "s", metadataDocument: "<m/>", tags: tags), .updateSAMLProvider(arn: "arn:s", metadataDocument: "<m/>"),
            .deleteSAMLProvider(arn: "arn:s"), .createAccountAlias(alias: "a"), .deleteAccountAlias(alias: "a"),
            .updateAccountPasswordPolicy(policy), .deleteAccountPasswordPolicy,
        ] + readSamples
    }()

    /// The refresh and import reads (the two S3 ones are REST calls, see QueryCodecTests).
    static let readSamples: [IAMRequest] = [
        .getLoginProfile(userName: "u"), .listAccessKeys(userName: "u"), .listGroupsForUser(userName: "u"),
        .listAttachedUserPolicies(userName: "u"), .listAttachedGroupPolicies(groupName: "g"),
        .listAttachedRolePolicies(roleName: "r"), .getUserPolicy(userName: "u", policyName: "i"),
        .getGroupPolicy(groupName: "g", policyName: "i"), .getRolePolicy(roleName: "r", policyName: "i"),
        .getInstanceProfile(name: "ip"), .getOpenIDConnectProvider(arn: "arn:o"), .getSAMLProvider(arn: "arn:s"),
        .getPolicyVersion(policyARN: "arn:p", versionID: "v1"), .getAccountPasswordPolicy, .listAccountAliases,
    ]

    /// The paging parameters the list reads add per page must be members of those operations too.
    @Test("paged reads accept Marker and MaxItems", arguments: readSamples.filter(\.isPagedForTest))
    func pagedReadsTakeMarker(_ request: IAMRequest) throws {
        let shape = try #require(Self.model?.iam[request.actionName])
        #expect(shape.members.contains("Marker") && shape.members.contains("MaxItems"))
    }

    @Test func modelLoaded() throws {
        let model = try #require(Self.model)
        #expect(model.iam.count == 176)
        #expect(Self.samples.count == 77)  // every IAMRequest case except the six simulated-S3 ones
    }

    @Test("request encodes to an operation AWS defines", arguments: samples)
    func encodesPerServiceModel(_ request: IAMRequest) throws {
        let shape = try #require(Self.model?.iam[request.actionName], "no IAM operation \(request.actionName)")
        let call = try request.queryCall()
        let topLevel = call.parameters.map { String($0.name.prefix { $0 != "." }) }
        for (name, parameter) in zip(topLevel, call.parameters) {
            #expect(shape.members.contains(name), "\(request.actionName) has no member \(name)")
            if shape.lists.contains(name) {
                #expect(parameter.name.hasPrefix("\(name).member."), "\(parameter.name) is not a list member")
            } else {
                #expect(parameter.name == name)
            }
        }
        for required in shape.required {
            #expect(topLevel.contains(required), "\(request.actionName) lacks required \(required)")
        }
    }

    @Test func stsCallsMatchTheModel() throws {
        let sts = try #require(Self.model?.sts)
        #expect(sts["AssumeRole"]?.required == ["RoleArn", "RoleSessionName"])
        #expect(sts["GetCallerIdentity"] != nil)
    }
}

extension IAMRequest {
    /// The reads that page (every List* read), by action name, so the test does not reuse the code under test.
    var isPagedForTest: Bool { actionName.hasPrefix("List") }
}
