import Foundation
import IAMConfCore
import IAMConfBackend

/// Turns the answers to the refresh and import reads into `IAMResponse.attributes`, with the keys
/// and JSON-text shapes the simulator uses (see the `IAMRequest` cases), so a refresh against an
/// endpoint sees what it sees against the simulator.
///
/// Pure functions over parsed XML: the tests feed them recorded moto_server answers.
enum RefreshReadDecoder {
    /// The response to `request` from every page of its answer (one page for the Get* reads).
    static func response(_ pages: [WireElement], for request: IAMRequest) -> IAMResponse {
        let results = pages.map { $0.child("\(request.actionName)Result") ?? $0 }
        guard let result = results.first else { return IAMResponse(attributes: [:]) }
        switch request {
        case .getLoginProfile: return loginProfile(result)
        case .listAccessKeys: return accessKeys(results)
        case .listGroupsForUser: return IAMResponse(attributes: ["groups": listJSON(results, "Groups", field: "GroupName")])
        case .listAttachedUserPolicies, .listAttachedGroupPolicies, .listAttachedRolePolicies:
            return IAMResponse(attributes: ["policies": listJSON(results, "AttachedPolicies", field: "PolicyArn")])
        case .getUserPolicy: return inlinePolicy(result, entityField: "UserName")
        case .getGroupPolicy: return inlinePolicy(result, entityField: "GroupName")
        case .getRolePolicy: return inlinePolicy(result, entityField: "RoleName")
        case .getInstanceProfile: return instanceProfile(result.child("InstanceProfile") ?? result)
        case .getOpenIDConnectProvider: return oidcProvider(result)
        case let .getSAMLProvider(arn): return samlProvider(result, arn: arn)
        case .getPolicyVersion: return policyVersion(result.child("PolicyVersion") ?? result)
        case .getAccountPasswordPolicy:
            return IAMResponse(attributes: passwordPolicy(result.child("PasswordPolicy") ?? result))
        case .listAccountAliases: return IAMResponse(attributes: ["aliases": listJSON(results, "AccountAliases", field: nil)])
        default: return IAMResponse(attributes: [:])
        }
    }

    /// The `Marker` to ask for next, or nil on the last page. A missing `IsTruncated` means false
    /// (moto omits it on some lists).
    static func nextMarker(_ page: WireElement, for request: IAMRequest) -> String? {
        guard request.isPagedRead else { return nil }
        let result = page.child("\(request.actionName)Result") ?? page
        guard result.value("IsTruncated") == "true", let marker = result.value("Marker"), !marker.isEmpty else { return nil }
        return marker
    }

    /// HeadBucket and GetBucketPolicy answers (S3 REST: an empty body, and the raw policy JSON).
    static func bucketResponse(for request: IAMRequest, body: Data) -> IAMResponse {
        switch request {
        case let .headBucket(name):
            let arn = "arn:aws:s3:::\(name)"
            return IAMResponse(arn: arn, name: name, attributes: ["name": name, "arn": arn])
        case let .getBucketPolicy(bucket):
            // S3 returns the policy as stored, never URL-encoded
            // (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html).
            return IAMResponse(attributes: ["bucket": bucket, "document": String(decoding: body, as: UTF8.self)])
        default:
            return IAMResponse(attributes: [:])
        }
    }

    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetLoginProfile.html
    private static func loginProfile(_ result: WireElement) -> IAMResponse {
        let profile = result.child("LoginProfile") ?? result
        var attributes: [String: String] = ["password_reset_required": flag(profile.value("PasswordResetRequired"))]
        attributes["user"] = profile.value("UserName")
        attributes["create_date"] = profile.value("CreateDate").map(WireDate.normalized)
        return IAMResponse(createDate: profile.value("CreateDate").flatMap(WireDate.parse), attributes: attributes)
    }

    /// `access_keys` in the service's order, `statuses` as `{"AKIA…":"Active"}`, `create_dates` as
    /// `{"AKIA…":"2026-12-07T05:20:51Z"}` (whole seconds in UTC, as the simulator spells dates; a key
    /// without a `CreateDate` is left out of it).
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_AccessKeyMetadata.html
    private static func accessKeys(_ results: [WireElement]) -> IAMResponse {
        let members = results.flatMap { $0.child("AccessKeyMetadata")?.members ?? [] }
        let ids = members.compactMap { $0.value("AccessKeyId") }
        let statuses = members.compactMap { member -> (key: String, value: JSONValue)? in
            guard let id = member.value("AccessKeyId") else { return nil }
            return (key: id, value: .string(member.value("Status") ?? ""))
        }
        let dates = members.compactMap { member -> (key: String, value: JSONValue)? in
            guard let id = member.value("AccessKeyId"), let date = member.value("CreateDate") else { return nil }
            return (key: id, value: .string(WireDate.normalized(date)))
        }
        return IAMResponse(attributes: [
            "access_keys": jsonList(ids), "statuses": JSONValue.object(statuses).compactText(),
            "create_dates": JSONValue.object(dates).compactText(),
        ])
    }

    /// Get{User,Group,Role}Policy: the document comes back URL-encoded (RFC 3986) from AWS.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetUserPolicy.html
    private static func inlinePolicy(_ result: WireElement, entityField: String) -> IAMResponse {
        var attributes: [String: String] = [:]
        attributes["entity"] = result.value(entityField)
        attributes["name"] = result.value("PolicyName")
        attributes["document"] = result.value("PolicyDocument").map(WireAttributes.decodeDocument)
        return IAMResponse(attributes: attributes)
    }

    private static func instanceProfile(_ profile: WireElement) -> IAMResponse {
        var attributes: [String: String] = [
            "tags": profile.child("Tags").map(WireAttributes.tagsJSON) ?? "{}",
            "roles": jsonList(profile.child("Roles")?.members.compactMap { $0.value("RoleName") } ?? []),
        ]
        attributes["name"] = profile.value("InstanceProfileName")
        attributes["path"] = profile.value("Path")
        attributes["arn"] = profile.value("Arn")
        attributes["unique_id"] = profile.value("InstanceProfileId")
        attributes["create_date"] = profile.value("CreateDate").map(WireDate.normalized)
        return IAMResponse(
            arn: profile.value("Arn"), uniqueID: profile.value("InstanceProfileId"),
            createDate: profile.value("CreateDate").flatMap(WireDate.parse), attributes: attributes)
    }

    /// The URL as IAM returns it, without `https://`.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetOpenIDConnectProvider.html
    private static func oidcProvider(_ result: WireElement) -> IAMResponse {
        var attributes: [String: String] = [
            "client_ids": jsonList(result.child("ClientIDList")?.members.map(\.text) ?? []),
            "thumbprints": jsonList(result.child("ThumbprintList")?.members.map(\.text) ?? []),
            "tags": result.child("Tags").map(WireAttributes.tagsJSON) ?? "{}",
        ]
        attributes["url"] = result.value("Url")
        attributes["create_date"] = result.value("CreateDate").map(WireDate.normalized)
        return IAMResponse(createDate: result.value("CreateDate").flatMap(WireDate.parse), attributes: attributes)
    }

    /// GetSAMLProvider does not name the provider; the ARN does (`…:saml-provider/NAME`).
    private static func samlProvider(_ result: WireElement, arn: String) -> IAMResponse {
        let marker = ":saml-provider/"
        let name = arn.range(of: marker).map { String(arn[$0.upperBound...]) } ?? ""
        var attributes: [String: String] = ["name": name, "tags": result.child("Tags").map(WireAttributes.tagsJSON) ?? "{}"]
        attributes["metadata"] = result.value("SAMLMetadataDocument")
        attributes["create_date"] = result.value("CreateDate").map(WireDate.normalized)
        return IAMResponse(createDate: result.value("CreateDate").flatMap(WireDate.parse), attributes: attributes)
    }

    private static func policyVersion(_ version: WireElement) -> IAMResponse {
        let isDefault = flag(version.value("IsDefaultVersion"))
        var attributes: [String: String] = ["is_default": isDefault]
        attributes["version_id"] = version.value("VersionId")
        attributes["document"] = version.value("Document").map(WireAttributes.decodeDocument)
        return IAMResponse(
            createDate: version.value("CreateDate").flatMap(WireDate.parse),
            defaultVersionID: isDefault == "true" ? version.value("VersionId") : nil, attributes: attributes)
    }

    /// Only the settings IAM reports. `MaxPasswordAge` 0 means passwords never expire, the same as
    /// absent ("Returns false if MaxPasswordAge is 0 or not present",
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_PasswordPolicy.html).
    static func passwordPolicy(_ policy: WireElement) -> [String: String] {
        let numbers = [
            ("MinimumPasswordLength", "minimum_password_length"), ("MaxPasswordAge", "max_password_age"),
            ("PasswordReusePrevention", "password_reuse_prevention"),
        ]
        let flags = [
            ("RequireSymbols", "require_symbols"), ("RequireNumbers", "require_numbers"),
            ("RequireUppercaseCharacters", "require_uppercase_characters"),
            ("RequireLowercaseCharacters", "require_lowercase_characters"),
            ("AllowUsersToChangePassword", "allow_users_to_change_password"), ("HardExpiry", "hard_expiry"),
        ]
        var attributes: [String: String] = [:]
        for (wire, key) in numbers {
            if let value = policy.value(wire).flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
                attributes[key] = String(value)
            }
        }
        if attributes["max_password_age"] == "0" { attributes["max_password_age"] = nil }
        for (wire, key) in flags {
            if let value = policy.value(wire) { attributes[key] = flag(value) }
        }
        return attributes
    }

    /// The `member`s of `listName` over every page: a child's text, or the member's own text.
    private static func listJSON(_ results: [WireElement], _ listName: String, field: String?) -> String {
        let members = results.flatMap { $0.child(listName)?.members ?? [] }
        return jsonList(members.compactMap { member in field.map { member.value($0) } ?? member.text })
    }

    private static func jsonList(_ items: [String]) -> String { JSONValue.array(items.map(JSONValue.string)).compactText() }

    /// XML booleans as the simulator spells them.
    private static func flag(_ text: String?) -> String {
        text?.trimmingCharacters(in: .whitespaces).lowercased() == "true" ? "true" : "false"
    }
}
