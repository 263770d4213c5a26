/// IAM's naming rules, from the parameter constraints of each `Create*` action in the IAM API
/// reference (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html and siblings).
///
/// Written as scalar checks rather than regular expressions: they run once per entity, and a
/// configuration may hold tens of thousands of them.
enum NameRules {
    /// `[\w+=,.@-]+`: letters, digits, `_`, and `+=,.@-`.
    static func isIAMNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "+", "=", ",", ".", "@", "-": return true
        default: return false
        }
    }

    /// Why `name` is not a valid IAM name of at most `maxLength` characters, or nil when it is.
    static func problem(withName name: String, maxLength: Int) -> String? {
        if name.isEmpty { return "the name is empty" }
        if name.unicodeScalars.count > maxLength { return "the name is \(name.unicodeScalars.count) characters long; IAM allows at most \(maxLength)" }
        if let bad = name.unicodeScalars.first(where: { !isIAMNameCharacter($0) }) {
            return "the name contains '\(bad)'; IAM names allow only letters, digits and _+=,.@-"
        }
        return nil
    }

    /// What a valid name of this kind looks like, for hints.
    static func hint(for kind: EntityKind) -> String {
        switch kind {
        case .users: return "user names are 1-64 letters, digits and _+=,.@-"
        case .roles: return "role names are 1-64 letters, digits and _+=,.@-"
        case .groups, .policies, .instanceProfiles: return "names are 1-128 letters, digits and _+=,.@-"
        case .identityProviders: return "provider names are 1-128 letters, digits and _+=,.@-"
        case .buckets: return "bucket names are 3-63 lowercase letters, digits, '.' and '-'"
        }
    }

    /// Why `path` is not a valid IAM path (`/` or `/a/b/`, at most 512 characters of `\u0021-\u007E`).
    static func problem(withPath path: String) -> String? {
        if path.unicodeScalars.count > 512 { return "the path is longer than 512 characters" }
        guard path.hasPrefix("/"), path.hasSuffix("/") else { return "a path must begin and end with '/'" }
        if let bad = path.unicodeScalars.first(where: { $0.value < 0x21 || $0.value > 0x7E }) {
            return "the path contains '\(bad.escaped(asASCII: true))'; only printable ASCII without spaces is allowed"
        }
        if path.contains("//") { return "a path must not contain an empty segment ('//')" }
        return nil
    }

    /// A local account name: used in references and addresses, so it must not contain dots.
    static func problem(withAccountName name: String) -> String? {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) else {
            return "an account name must start with a letter"
        }
        if name.unicodeScalars.count > 64 { return "an account name is at most 64 characters" }
        let valid = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
        return valid ? nil : "an account name may contain only letters, digits, '_' and '-'"
    }

    /// Account alias rules from `CreateAccountAlias`: 3-63 lowercase letters, digits and single hyphens.
    static func problem(withAlias alias: String) -> String? {
        let scalars = Array(alias.unicodeScalars)
        guard (3...63).contains(scalars.count) else { return "an account alias is 3 to 63 characters long" }
        let valid = scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard valid else { return "an account alias may contain only lowercase letters, digits and '-'" }
        if scalars.first == "-" || scalars.last == "-" || alias.contains("--") {
            return "an account alias must not begin or end with '-' or contain '--'"
        }
        return nil
    }

    /// S3 general purpose bucket naming rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
    static func problem(withBucketName name: String) -> String? {
        let scalars = Array(name.unicodeScalars)
        guard (3...63).contains(scalars.count) else { return "a bucket name is 3 to 63 characters long" }
        let valid = scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." }
        guard valid else { return "a bucket name may contain only lowercase letters, digits, '.' and '-'" }
        let isAlnum: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        guard let first = scalars.first, let last = scalars.last, isAlnum(first), isAlnum(last) else {
            return "a bucket name must begin and end with a letter or digit"
        }
        if name.contains("..") { return "a bucket name must not contain '..'" }
        return nil
    }

    /// Tag rules from `TagRole`/`TagUser`: key 1-128, value 0-256, no `aws:` prefix.
    static func problem(withTagKey key: String, value: String) -> String? {
        if key.isEmpty || key.unicodeScalars.count > 128 { return "a tag key is 1 to 128 characters long" }
        if key.lowercased().hasPrefix("aws:") { return "tag keys beginning with 'aws:' are reserved for AWS" }
        if value.unicodeScalars.count > 256 { return "a tag value is at most 256 characters long" }
        let allowed: (Unicode.Scalar) -> Bool = {
            $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == " "
                || "_.:/=+-@".unicodeScalars.contains($0)
        }
        if let bad = key.unicodeScalars.first(where: { !allowed($0) }) ?? value.unicodeScalars.first(where: { !allowed($0) }) {
            return "tags may contain only letters, digits, spaces and _.:/=+-@; found '\(bad.escaped(asASCII: true))'"
        }
        return nil
    }

    /// Role and policy descriptions: at most 1000 characters of `[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]`.
    static func problem(withDescription text: String) -> String? {
        if text.unicodeScalars.count > Quotas.descriptionLength {
            return "the description is \(text.unicodeScalars.count) characters long; IAM allows at most \(Quotas.descriptionLength)"
        }
        let valid = text.unicodeScalars.allSatisfy {
            [0x09, 0x0A, 0x0D].contains($0.value) || (0x20...0x7E).contains($0.value) || (0xA1...0xFF).contains($0.value)
        }
        return valid ? nil : "the description may contain only printable Latin-1 characters"
    }
}
