import Foundation
import IAMConfCore

/// The world written field by field, keys in sorted order, in exactly the shape synthesized
/// `Codable` reads (so `JSONDecoder` loads what this writes; a test holds the two together).
extension World {
    func write(to writer: inout JSONByteWriter) {
        writer.beginObject()
        writer.key("accounts")
        writer.beginObject()
        for (id, account) in accounts.sorted(by: { $0.key < $1.key }) {
            writer.key(id)
            account.write(to: &writer)
        }
        writer.endObject()
        if let organization {
            writer.key("organization")
            organization.write(to: &writer)
        }
        writer.endObject()
    }
}

extension World.Account {
    func write(to writer: inout JSONByteWriter) {
        writer.beginObject()
        writer.field("alias", alias)
        Self.writeMap("buckets", buckets, &writer) { $0.write(to: &$1) }
        Self.writeMap("groups", groups, &writer) { $0.write(to: &$1) }
        writer.field("id", id)
        Self.writeMap("instanceProfiles", instanceProfiles, &writer) { $0.write(to: &$1) }
        Self.writeMap("oidcProviders", oidcProviders, &writer) { $0.write(to: &$1) }
        if let passwordPolicy {
            writer.key("passwordPolicy")
            passwordPolicy.write(to: &writer)
        }
        Self.writeMap("policies", policies, &writer) { $0.write(to: &$1) }
        Self.writeMap("roles", roles, &writer) { $0.write(to: &$1) }
        Self.writeMap("samlProviders", samlProviders, &writer) { $0.write(to: &$1) }
        Self.writeMap("users", users, &writer) { $0.write(to: &$1) }
        if let virtualMFADevices {
            Self.writeMap("virtualMFADevices", virtualMFADevices, &writer) { device, writer in
                writer.beginObject()
                writer.field("createDate", device.createDate)
                writer.field("serial", device.serial)
                writer.endObject()
            }
        }
        writer.endObject()
    }

    private static func writeMap<Value>(
        _ name: String, _ map: [String: Value], _ writer: inout JSONByteWriter, _ write: (Value, inout JSONByteWriter) -> Void
    ) {
        writer.key(name)
        writer.beginObject()
        for (key, value) in map.sorted(by: { $0.key < $1.key }) {
            writer.key(key)
            write(value, &writer)
        }
        writer.endObject()
    }
}

extension [StoredTag] {
    func write(_ name: String, to writer: inout JSONByteWriter) {
        writer.key(name)
        writer.beginArray()
        for tag in self {
            writer.beginObject()
            writer.field("key", tag.key)
            writer.field("value", tag.value)
            writer.endObject()
        }
        writer.endArray()
    }
}

extension World.User {
    func write(to writer: inout JSONByteWriter) {
        writer.beginObject()
        writer.key("accessKeys")
        writer.beginArray()
        for key in accessKeys {
            writer.beginObject()
            writer.field("createDate", key.createDate)
            writer.field("id", key.id)
            writer.field("status", key.status)
            writer.endObject()
        }
        writer.endArray()
        writer.field("arn", arn)
        writer.field("attachedPolicies", strings: attachedPolicies)
        writer.field("createDate", createDate)
        writer.field("groups", strings: groups)
        writer.field("inlinePolicies", map: inlinePolicies)
        if let loginProfile {
            writer.key("loginProfile")
            writer.beginObject()
            writer.field("createDate", loginProfile.createDate)
            writer.field("passwordResetRequired", loginProfile.passwordResetRequired)
            writer.endObject()
        }
        if let mfaDevice {
            writer.key("mfaDevice")
            writer.beginObject()
            writer.field("enableDate", mfaDevice.enableDate)
            writer.field("serial", mfaDevice.serial)
            writer.endObject()
        }
        writer.field("name", name)
        writer.field("path", path)
        writer.field("permissionsBoundary", permissionsBoundary)
        tags.write("tags", to: &writer)
        writer.field("uniqueID", uniqueID)
        writer.endObject()
    }
}

extension World.Group {
    func write(to writer: inout JSONByteWriter) {
        writer.beginObject()
        writer.field("arn", arn)
        writer.field("attachedPolicies", strings: attachedPolicies)
        writer.field("createDate", createDate)
        writer.field("inlinePolicies", map: inlinePolicies)
        writer.field("members", strings: members)
        writer.field("name", name)
        writer.field("path", path)
        writer.field("uniqueID", uniqueID)
        writer.endObject()
    }
}

extension World.Role {
    func write(to writer: inout JSONByteWriter) {
        writer.beginObject()
        writer.field("arn", arn)
        writer.field("attachedPolicies", strings: attachedPolicies)
        writer.field("createDate", createDate)
        writer.field("description", description)
        writer.field("inlinePolicies", map: inlinePolicies)
        writer.field("instanceProfiles", strings: instanceProfiles)
        writer.field("linkedService", linkedService)
        writer.field("maxSessionDuration", maxSessionDuration)
        writer.field("name", name)
        writer.field("path", path)
        writer.field("permissionsBoundary", permissionsBoundary)
        tags.write("tags", to: &writer)
        writer.field("trustPolicy", trustPolicy)
        writer.field("uniqueID", uniqueID)
        writer.endObject()
    }
}

extension World.ManagedPolicy {
    func write(to writer: inout JSONByteWriter) {
        writer.beginObject()
        writer.field("arn", arn)
        writer.field("attachmentCount", attachmentCount)
        writer.field("createDate", createDate)
        writer.field("defaultVersionID", defaultVersionID)
        writer.field("description", description)
        writer.field("name", name)
        writer.field("nextVersionNumber", nextVersionNumber)
        writer.field("path", path)
        writer.field("permissionsBoundaryUsageCount", permissionsBoundaryUsageCount)
        tags.write("tags", to: &writer)
        writer.field("uniqueID", uniqueID)
        writer.field("updateDate", updateDate)
        writer.key("versions")
        writer.beginArray()
        for version in versions {
            writer.beginObject()
            writer.field("createDate", version.createDate)
            writer.field("document", version.document)
            writer.field("versionID", version.versionID)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }
}

extension World.InstanceProfile {
    func write(to writer: inout JSONByteWriter) {
        writer.beginObject()
        writer.field("arn", arn)
        writer.field("createDate", createDate)
        writer.field("name", name)
        writer.field("path", path)
        writer.field("roles", strings: roles)
        tags.write("tags", to: &writer)
        writer.field("uniqueID", uniqueID)
        writer.endObject()
    }
}

extension World.OIDCProvider {
    func write(to writer: inout JSONByteWriter) {
        writer.beginObject()
        writer.field("arn", arn)
        writer.field("clientIDs", strings: clientIDs)
        writer.field("createDate", createDate)
        tags.write("tags", to: &writer)
        writer.field("thumbprints", strings: thumbprints)
        writer.field("url", url)
        writer.endObject()
    }
}

extension World.SAMLProvider {
    func write(to writer: inout JSONByteWriter) {
        writer.beginObject()
        writer.field("arn", arn)
        writer.field("createDate", createDate)
        writer.field("metadataDocument", metadataDocument)
        writer.field("name", name)
        tags.write("tags", to: &writer)
        writer.endObject()
    }
}

extension World.Bucket {
    func write(to writer: inout JSONByteWriter) {
        writer.beginObject()
        writer.field("createDate", createDate)
        writer.field("name", name)
        writer.field("policy", policy)
        writer.endObject()
    }
}

extension StoredPasswordPolicy {
    func write(to writer: inout JSONByteWriter) {
        writer.beginObject()
        writer.field("allowUsersToChangePassword", allowUsersToChangePassword)
        writer.field("hardExpiry", hardExpiry)
        writer.field("maxPasswordAge", maxPasswordAge)
        writer.field("minimumPasswordLength", minimumPasswordLength)
        writer.field("passwordReusePrevention", passwordReusePrevention)
        writer.field("requireLowercaseCharacters", requireLowercaseCharacters)
        writer.field("requireNumbers", requireNumbers)
        writer.field("requireSymbols", requireSymbols)
        writer.field("requireUppercaseCharacters", requireUppercaseCharacters)
        writer.endObject()
    }
}
