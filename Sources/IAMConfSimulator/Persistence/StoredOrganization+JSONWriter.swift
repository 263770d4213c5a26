import IAMConfCore

/// The organization in the world file, keys sorted, in the shape synthesized `Codable` reads.
extension StoredOrganization {
    func write(to writer: inout JSONByteWriter) {
        writer.beginObject()
        writer.field("arn", arn)
        writer.field("featureSet", featureSet)
        writer.field("id", id)
        writer.field("managementAccountID", managementAccountID)
        writer.key("members")
        writer.beginObject()
        for (key, member) in members.sorted(by: { $0.key < $1.key }) {
            writer.key(key)
            writer.beginObject()
            writer.field("accountID", member.accountID)
            writer.field("parent", strings: member.parent)
            writer.field("policies", strings: member.policies)
            writer.endObject()
        }
        writer.endObject()
        writer.key("policies")
        writer.beginObject()
        for (key, policy) in policies.sorted(by: { $0.key < $1.key }) {
            writer.key(key)
            writer.beginObject()
            writer.field("arn", policy.arn)
            writer.field("description", policy.description)
            writer.field("document", policy.document)
            writer.field("id", policy.id)
            writer.field("name", policy.name)
            writer.endObject()
        }
        writer.endObject()
        writer.field("rootID", rootID)
        writer.field("rootPolicies", strings: rootPolicies)
        writer.key("units")
        writer.beginObject()
        for (key, unit) in units.sorted(by: { $0.key < $1.key }) {
            writer.key(key)
            writer.beginObject()
            writer.field("arn", unit.arn)
            writer.field("id", unit.id)
            writer.field("path", strings: unit.path)
            writer.field("policies", strings: unit.policies)
            writer.endObject()
        }
        writer.endObject()
        writer.endObject()
    }
}
