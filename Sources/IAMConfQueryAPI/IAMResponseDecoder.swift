import Foundation
import IAMConfCore
import IAMConfBackend
import IAMConfTOTP

/// Turns a successful Query API response into an `IAMResponse`.
///
/// Each action's result element names its object (`<CreateUserResult><User>…`); identifiers are read
/// from that object only, so the member list of `GetGroup` never shadows the group's own `Arn`.
public enum IAMResponseDecoder {
    /// Decodes `root` (`<ActionResponse>`) for `request`; `password` is the one the encoder generated.
    /// A list read decoded here covers this one page only; `HTTPBackend` reads every page.
    public static func decode(_ root: WireElement, for request: IAMRequest, password: String? = nil) -> IAMResponse {
        if request.isQueryRefreshRead { return RefreshReadDecoder.response([root], for: request) }
        let result = root.child("\(request.actionName)Result") ?? root
        var response = IAMResponse(password: password)
        if let entityName = entityElementName(for: request), let entity = result.child(entityName) {
            fillIdentifiers(of: entity, into: &response)
            if request.isRead { response.attributes = WireAttributes.attributes(of: entity, result: result) }
        }
        if let arn = result.value("OpenIDConnectProviderArn") ?? result.value("SAMLProviderArn") { response.arn = arn }
        if case .createVirtualMFADevice = request, let device = result.child("VirtualMFADevice") {
            response.arn = device.value("SerialNumber")
            response.mfaSeed = device.value("Base32StringSeed").flatMap(TOTP.seed(fromWire:))
        }
        if case .listPolicyVersions = request {
            response.versions = versions(in: result)
            response.defaultVersionID = response.versions?.first { $0.isDefault }?.versionID
        }
        return response
    }

    /// The result's object element for actions that return one.
    static func entityElementName(for request: IAMRequest) -> String? {
        switch request {
        case .createUser, .getUser: return "User"
        case .createGroup, .getGroup: return "Group"
        case .createRole, .getRole, .createServiceLinkedRole: return "Role"
        case .createPolicy, .getPolicy: return "Policy"
        case .createPolicyVersion: return "PolicyVersion"
        case .createInstanceProfile: return "InstanceProfile"
        case .createAccessKey: return "AccessKey"
        case .createLoginProfile: return "LoginProfile"
        default: return nil
        }
    }

    private static func fillIdentifiers(of entity: WireElement, into response: inout IAMResponse) {
        response.arn = entity.value("Arn")
        response.uniqueID = ["UserId", "GroupId", "RoleId", "PolicyId", "InstanceProfileId"]
            .lazy.compactMap { entity.value($0) }.first
        response.createDate = entity.value("CreateDate").flatMap(WireDate.parse)
        response.defaultVersionID = entity.value("DefaultVersionId")
        if entity.name == "PolicyVersion", entity.value("IsDefaultVersion") == "true" {
            response.defaultVersionID = entity.value("VersionId")
        }
        if entity.name == "PolicyVersion", let version = entity.value("VersionId") {
            response.versions = [
                PolicyVersionSummary(
                    versionID: version, isDefault: entity.value("IsDefaultVersion") == "true",
                    createDate: response.createDate)
            ]
        }
        response.accessKeyID = entity.value("AccessKeyId")
        response.secretAccessKey = entity.value("SecretAccessKey")
        if entity.name == "Role" { response.name = entity.value("RoleName") }
    }

    /// `ListPolicyVersions` members, oldest first (ids are `v1`, `v2`, … and only ever grow).
    static func versions(in result: WireElement) -> [PolicyVersionSummary] {
        let members = result.child("Versions")?.members ?? []
        return members.compactMap { member -> PolicyVersionSummary? in
            guard let id = member.value("VersionId") else { return nil }
            return PolicyVersionSummary(
                versionID: id, isDefault: member.value("IsDefaultVersion") == "true",
                createDate: member.value("CreateDate").flatMap(WireDate.parse))
        }
        .sorted { versionNumber($0.versionID) < versionNumber($1.versionID) }
    }

    private static func versionNumber(_ id: String) -> Int { Int(id.dropFirst()) ?? Int.max }
}

extension IAMRequest {
    /// Reads whose response carries the object's attributes.
    var isRead: Bool {
        switch self {
        case .getUser, .getGroup, .getRole, .getPolicy: return true
        default: return false
        }
    }
}

/// AWS timestamps (`2015-08-30T12:36:00Z`, with or without fractional seconds or an offset).
enum WireDate {
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let date = try? Date(trimmed, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return date
        }
        return try? Date(trimmed, strategy: Date.ISO8601FormatStyle())
    }

    /// Whole-second ISO 8601 in UTC (`2026-11-29T12:00:00Z`), the spelling IAM prints and the
    /// simulator uses, so reads compare equal across backends; unparsable text is kept.
    static func normalized(_ text: String) -> String {
        guard let date = parse(text) else { return text }
        return date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0) ?? .current))
    }
}
