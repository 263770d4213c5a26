import IAMConfCore

/// The ARNs and account ids inside an export, and the `${accounts.…}` reference that names each,
/// so a document written back says `${accounts.prod.roles.Admin.arn}` where the state has the ARN.
///
/// Each ARN is the one the configuration language computes for the reference (account id, path,
/// name), not the one the backend reported: a reference is used only where it resolves to exactly
/// the text the state holds, so the exported configuration plans no change.
struct ExportReferences: Sendable {
    /// Account id -> the account's key in the export.
    var accountKeys: [String: String] = [:]
    /// Entity ARN -> `accounts.KEY.KIND.NAME`.
    private var entities: [String: String] = [:]

    init(accountKeys: [String: String]) {
        self.accountKeys = accountKeys
    }

    mutating func add(arn: String, account key: String, kind: String, name: String) {
        entities[arn] = "accounts.\(key).\(kind).\(name)"
    }

    /// The `${…}` form of an entity ARN inside the export, or nil.
    func reference(toARN arn: String) -> String? {
        entities[arn].map { "${\($0).arn}" }
    }

    /// A string with the export's ARNs and account ids replaced by references; other text as is.
    func substituted(_ text: String) -> String {
        guard text.hasPrefix("arn:") || accountKeys[text] != nil else { return text }
        if let whole = reference(toARN: text) { return whole }
        // A bucket's objects: `arn:aws:s3:::reports/*` -> `${accounts.main.buckets.reports.arn}/*`.
        if text.hasPrefix("arn:aws:s3:::"), let slash = text.firstIndex(of: "/"),
           let bucket = reference(toARN: String(text[..<slash])) {
            return bucket + text[slash...]
        }
        if let key = accountKeys[text] { return "${accounts.\(key).id}" }
        // Any other ARN of an exported account: only its account id is replaced.
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        if parts.count == 6, parts[0] == "arn", let key = accountKeys[String(parts[4])] {
            return parts[0..<4].joined(separator: ":") + ":${accounts.\(key).id}:" + parts[5]
        }
        return text
    }

    /// Every string value of a document substituted; keys (condition keys, `Statement`, …) as they are.
    func substituted(_ json: JSONValue) -> JSONValue {
        switch json {
        case let .string(text): return .string(substituted(text))
        case let .array(items): return .array(items.map(substituted))
        case let .object(members): return .object(members.map { (key: $0.key, value: substituted($0.value)) })
        default: return json
        }
    }
}
