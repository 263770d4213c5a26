import IAMConfCore
import IAMConfBackend

/// IAM's constraints on names, paths, tags and other parameters, checked before anything changes.
///
/// Length and pattern failures are `ValidationError` (the API's parameter constraints); rule
/// failures IAM checks itself are `InvalidInput`. Patterns come from each action's Request
/// Parameters in the IAM API reference (e.g. https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html).
enum InputRules {
    /// `[\w+=,.@-]+` with IAM's per-kind maximum length (users and roles 64, others 128).
    static func checkName(_ name: String, field: String, maxLength: Int) throws(BackendError) {
        guard !name.isEmpty else {
            throw IAMErrors.validation(value: name, field: field, constraint: "Member must have length greater than or equal to 1")
        }
        guard name.count <= maxLength else {
            throw IAMErrors.validation(
                value: name, field: field, constraint: "Member must have length less than or equal to \(maxLength)")
        }
        guard name.unicodeScalars.allSatisfy(isNameScalar) else {
            throw IAMErrors.validation(
                value: name, field: field, constraint: "Member must satisfy regular expression pattern: [\\w+=,.@-]+")
        }
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        let value = scalar.value
        return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
            || "_+=,.@-".unicodeScalars.contains(scalar)
    }

    /// A path is `/` or `/` + printable ASCII + `/`, at most 512 characters.
    static func checkPath(_ path: String, field: String = "path") throws(BackendError) {
        let scalars = Array(path.unicodeScalars)
        let isValid = path == "/"
            || (scalars.count >= 2 && scalars.count <= 512 && scalars.first == "/" && scalars.last == "/"
                && scalars.allSatisfy { (0x21...0x7E).contains($0.value) })
        guard isValid else {
            throw IAMErrors.validation(
                value: path, field: field,
                constraint: "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)")
        }
    }

    /// At most 50 tags per request (a ValidationError) and per resource (LimitExceeded), keys 1-128 and values 0-256 characters, keys unique case-insensitively and
    /// not starting with `aws:`.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html#id_tags_rules_creating
    static func checkTags(_ tags: [Tag], existing: [StoredTag] = []) throws(BackendError) {
        guard tags.count <= 50 else {
            throw IAMErrors.validation(
                value: "\(tags.count) tags", field: "tags", constraint: "Member must have length less than or equal to 50")
        }
        var seen = Set<String>()
        for tag in tags {
            guard !tag.key.isEmpty, tag.key.count <= 128 else {
                throw IAMErrors.validation(
                    value: tag.key, field: "tags.member.key", constraint: "Member must have length between 1 and 128")
            }
            guard tag.value.count <= 256 else {
                throw IAMErrors.validation(
                    value: tag.value, field: "tags.member.value", constraint: "Member must have length less than or equal to 256")
            }
            guard tag.key.unicodeScalars.allSatisfy(isTagScalar), tag.value.unicodeScalars.allSatisfy(isTagScalar) else {
                throw IAMErrors.validation(
                    value: tag.key, field: "tags.member.key",
                    constraint: "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+")
            }
            guard !tag.key.lowercased().hasPrefix("aws:") else {
                throw IAMErrors.invalidInput("User-defined tag keys can't start with 'aws:'. This prefix is reserved for AWS use.")
            }
            guard seen.insert(tag.key.lowercased()).inserted else {
                throw IAMErrors.invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
            }
        }
        let merged = Set(existing.map { $0.key.lowercased() }).union(seen)
        guard merged.count <= 50 else {
            throw IAMErrors.limitExceeded("The number of tags has reached the maximum limit.")
        }
    }

    private static func isTagScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
            || properties.generalCategory == .spaceSeparator || "_.:/=+-@".unicodeScalars.contains(scalar)
    }

    /// What a Tag* call leaves on an entity: the new tags checked against the ones it has, then
    /// merged in (TagUser, TagRole, TagPolicy, TagInstanceProfile).
    static func tagged(_ existing: [StoredTag], with tags: [Tag]) throws(BackendError) -> [StoredTag] {
        try checkTags(tags, existing: existing)
        return merge(tags, into: existing)
    }

    /// What an Untag* call leaves: keys match case-insensitively; a key the entity lacks is ignored.
    static func untagged(_ existing: [StoredTag], removing keys: [String]) -> [StoredTag] {
        let lowered = Set(keys.map { $0.lowercased() })
        return existing.filter { !lowered.contains($0.key.lowercased()) }
    }

    /// Merges new tags into old ones (TagUser/TagRole overwrite a key's value, case-insensitively).
    static func merge(_ tags: [Tag], into existing: [StoredTag]) -> [StoredTag] {
        var result = existing
        for tag in tags {
            if let index = result.firstIndex(where: { $0.key.lowercased() == tag.key.lowercased() }) {
                result[index] = StoredTag(key: tag.key, value: tag.value)
            } else {
                result.append(StoredTag(key: tag.key, value: tag.value))
            }
        }
        return result
    }

    /// MaxSessionDuration is 3600 to 43200 seconds.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
    static func checkMaxSessionDuration(_ seconds: Int) throws(BackendError) {
        guard seconds >= 3600 else {
            throw IAMErrors.validation(
                value: String(seconds), field: "maxSessionDuration", constraint: "Member must have value greater than or equal to 3600")
        }
        guard seconds <= 43200 else {
            throw IAMErrors.validation(
                value: String(seconds), field: "maxSessionDuration", constraint: "Member must have value less than or equal to 43200")
        }
    }

    /// Descriptions: at most 1000 characters of tab, newlines, printable ASCII and Latin-1.
    static func checkDescription(_ text: String?) throws(BackendError) {
        guard let text else { return }
        guard text.count <= 1000 else {
            throw IAMErrors.validation(
                value: text, field: "description", constraint: "Member must have length less than or equal to 1000")
        }
        let isAllowed = text.unicodeScalars.allSatisfy { scalar in
            [0x09, 0x0A, 0x0D].contains(scalar.value) || (0x20...0x7E).contains(scalar.value) || (0xA1...0xFF).contains(scalar.value)
        }
        guard isAllowed else {
            throw IAMErrors.validation(
                value: text, field: "description",
                constraint: "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*")
        }
    }

    /// A managed policy ARN: `arn:aws:iam::ACCOUNT:policy/PATH/NAME` or `arn:aws:iam::aws:policy/…`.
    /// Returns the owner (`aws` or the account id).
    static func checkPolicyARN(_ text: String, field: String = "policyArn") throws(BackendError) -> String {
        guard text.count >= 20, text.count <= 2048 else {
            throw IAMErrors.validation(value: text, field: field, constraint: "Member must have length between 20 and 2048")
        }
        guard let arn = ARN(text), arn.service == "iam", arn.region.isEmpty,
              arn.account == "aws" || AccountID.isValid(arn.account),
              arn.resource.hasPrefix("policy/"), !arn.resource.hasSuffix("/") else {
            throw IAMErrors.invalidInput("ARN \(text) is not valid.")
        }
        return arn.account
    }
}
