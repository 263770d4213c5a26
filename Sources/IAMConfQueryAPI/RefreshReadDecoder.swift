import Foundation
import IAMConfCore
import IAMConfBackend

/// Turns the answers to the refresh and import reads into `IAMResponse.attributes`, with the keys
/// and typed values the simulator uses (see the `IAMRequest` cases), so a refresh against an
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
        case .listGroupsForUser: return IAMResponse(attributes: ["groups": list(results, "Groups", field: "GroupName")])
        case .listAttachedUserPolicies, .listAttachedGroupPolicies, .listAttachedRolePolicies:
            return IAMResponse(attributes: ["policies": list(results, "AttachedPolicies", field: "PolicyArn")])
        case .getUserPolicy: return inlinePolicy(result, entityField: "UserName")
        case .getGroupPolicy: return inlinePolicy(result, entityField: "GroupName")
        case .getRolePolicy: return inlinePolicy(result, entityField: "RoleName")
        case .getInstanceProfile: return instanceProfile(result.child("InstanceProfile") ?? result)
        case .getOpenIDConnectProvider: return oidcProvider(result)
        case let .getSAMLProvider(arn): return samlProvider(result, arn: arn)
        case .getPolicyVersion: return policyVersion(result.child("PolicyVersion") ?? result)
        case .getAccountPasswordPolicy:
            return IAMResponse(attributes: passwordPolicy(result.child("PasswordPolicy") ?? result))
        case .listAccountAliases: return IAMResponse(attributes: ["aliases": list(results, "AccountAliases", field: nil)])
        case .listMFADevices: return IAMResponse(attributes: ["serials": list(results, "MFADevices", field: "SerialNumber")])
        case .listVirtualMFADevices: return virtualMFADevices(results)
        default: return AccountListDecoder.response(results, for: request) ?? IAMResponse(attributes: [:])
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
            return IAMResponse(arn: arn, name: name, attributes: ["name": .string(name), "arn": .string(arn)])
        case let .getBucketPolicy(bucket):
            // S3 returns the policy as stored, never URL-encoded
            // (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html).
            return IAMResponse(attributes: ["bucket": .string(bucket), "document": .string(String(decoding: body, as: UTF8.self))])
        case .listBuckets:
            return AccountListDecoder.buckets(WireElement.parse(body))
        default:
            return IAMResponse(attributes: [:])
        }
    }

    /// `serials` sorted, `users` = serial -> the name of the user it is enabled for.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_VirtualMFADevice.html
    private static func virtualMFADevices(_ results: [WireElement]) -> IAMResponse {
        let members = results.flatMap { $0.child("VirtualMFADevices")?.members ?? [] }
        let serials = members.compactMap { $0.value("SerialNumber") }.sorted()
        let users = members.compactMap { member -> (key: String, value: JSONValue)? in
            guard let serial = member.value("SerialNumber"), let user = member.child("User")?.value("UserName") else { return nil }
            return (key: serial, value: .string(user))
        }
        return IAMResponse(attributes: ["serials": .array(serials.map(JSONValue.string)), "users": .object(users.sorted { $0.key < $1.key })])
    }

    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetLoginProfile.html
    private static func loginProfile(_ result: WireElement) -> IAMResponse {
        let profile = result.child("LoginProfile") ?? result
        var attributes: [String: JSONValue] = ["password_reset_required": .bool(flag(profile.value("PasswordResetRequired")))]
        attributes["user"] = profile.value("UserName").map(JSONValue.string)
        attributes["create_date"] = date(profile.value("CreateDate"))
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
            "access_keys": WireAttributes.list(ids), "statuses": .object(statuses), "create_dates": .object(dates),
        ])
    }

    /// Get{User,Group,Role}Policy: the document comes back URL-encoded (RFC 3986) from AWS.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetUserPolicy.html
    private static func inlinePolicy(_ result: WireElement, entityField: String) -> IAMResponse {
        var attributes: [String: JSONValue] = [:]
        attributes["entity"] = result.value(entityField).map(JSONValue.string)
        attributes["name"] = result.value("PolicyName").map(JSONValue.string)
        attributes["document"] = result.value("PolicyDocument").map { .string(WireAttributes.decodeDocument($0)) }
        return IAMResponse(attributes: attributes)
    }

    private static func instanceProfile(_ profile: WireElement) -> IAMResponse {
        var attributes: [String: JSONValue] = [
            "tags": tags(profile.child("Tags")),
            "roles": WireAttributes.list(profile.child("Roles")?.members.compactMap { $0.value("RoleName") } ?? []),
        ]
        attributes["name"] = profile.value("InstanceProfileName").map(JSONValue.string)
        attributes["path"] = profile.value("Path").map(JSONValue.string)
        attributes["arn"] = profile.value("Arn").map(JSONValue.string)
        attributes["unique_id"] = profile.value("InstanceProfileId").map(JSONValue.string)
        attributes["create_date"] = date(profile.value("CreateDate"))
        return IAMResponse(
            arn: profile.value("Arn"), uniqueID: profile.value("InstanceProfileId"),
            createDate: profile.value("CreateDate").flatMap(WireDate.parse), attributes: attributes)
    }

    /// The URL as IAM returns it, without `https://`.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetOpenIDConnectProvider.html
    private static func oidcProvider(_ result: WireElement) -> IAMResponse {
        var attributes: [String: JSONValue] = [
            "client_ids": WireAttributes.list(result.child("ClientIDList")?.members.map(\.text) ?? []),
            "thumbprints": WireAttributes.list(result.child("ThumbprintList")?.members.map(\.text) ?? []),
            "tags": tags(result.child("Tags")),
        ]
        attributes["url"] = result.value("Url").map(JSONValue.string)
        attributes["create_date"] = date(result.value("CreateDate"))
        return IAMResponse(createDate: result.value("CreateDate").flatMap(WireDate.parse), attributes: attributes)
    }

    /// GetSAMLProvider does not name the provider; the ARN does (`…:saml-provider/NAME`).
    private static func samlProvider(_ result: WireElement, arn: String) -> IAMResponse {
        let marker = ":saml-provider/"
        let name = arn.range(of: marker).map { String(arn[$0.upperBound...]) } ?? ""
        var attributes: [String: JSONValue] = ["name": .string(name), "tags": tags(result.child("Tags"))]
        attributes["metadata"] = result.value("SAMLMetadataDocument").map(JSONValue.string)
        attributes["create_date"] = date(result.value("CreateDate"))
        return IAMResponse(createDate: result.value("CreateDate").flatMap(WireDate.parse), attributes: attributes)
    }

    private static func policyVersion(_ version: WireElement) -> IAMResponse {
        let isDefault = flag(version.value("IsDefaultVersion"))
        var attributes: [String: JSONValue] = ["is_default": .bool(isDefault)]
        attributes["version_id"] = version.value("VersionId").map(JSONValue.string)
        attributes["document"] = version.value("Document").map { .string(WireAttributes.decodeDocument($0)) }
        return IAMResponse(
            createDate: version.value("CreateDate").flatMap(WireDate.parse),
            defaultVersionID: isDefault ? version.value("VersionId") : nil, attributes: attributes)
    }

    /// Only the settings IAM reports. `MaxPasswordAge` 0 means passwords never expire, the same as
    /// absent ("Returns false if MaxPasswordAge is 0 or not present",
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_PasswordPolicy.html).
    static func passwordPolicy(_ policy: WireElement) -> [String: JSONValue] {
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
        var attributes: [String: JSONValue] = [:]
        for (wire, key) in numbers {
            if let value = policy.value(wire).flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
                attributes[key] = .number(String(value))
            }
        }
        if attributes["max_password_age"] == .number("0") { attributes["max_password_age"] = nil }
        for (wire, key) in flags {
            if let value = policy.value(wire) { attributes[key] = .bool(flag(value)) }
        }
        return attributes
    }

    /// The `member`s of `listName` over every page: a child's text, or the member's own text.
    private static func list(_ results: [WireElement], _ listName: String, field: String?) -> JSONValue {
        let members = results.flatMap { $0.child(listName)?.members ?? [] }
        return WireAttributes.list(members.compactMap { member in field.map { member.value($0) } ?? member.text })
    }

    /// A tag list, or no tags when the answer has none.
    private static func tags(_ list: WireElement?) -> JSONValue { list.map(WireAttributes.tags) ?? .object([]) }

    /// A timestamp in the simulator's spelling (see `WireDate.normalized`).
    private static func date(_ text: String?) -> JSONValue? { text.map { .string(WireDate.normalized($0)) } }

    /// An XML boolean; anything but `true` is false.
    private static func flag(_ text: String?) -> Bool {
        text?.trimmingCharacters(in: .whitespaces).lowercased() == "true"
    }
}
