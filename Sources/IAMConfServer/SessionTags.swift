import IAMConfCore

/// What `AssumeRole` is asked to put on the session: `Tags`, `TransitiveTagKeys` and
/// `SourceIdentity`, checked as STS checks them, merged with what the calling session passes on
/// (its transitive tags and its source identity), and the request context they add.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html,
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
struct SessionTags: Sendable {
    /// The new session's tags: the caller's transitive ones, then the requested ones.
    var tags: [Tag]
    /// Keys of `tags` the new session passes on.
    var transitiveKeys: [String]
    /// The new session's source identity (requested, or the calling session's).
    var sourceIdentity: String?
    /// Whether the request sets a source identity itself (and so needs `sts:SetSourceIdentity`).
    var isSettingSourceIdentity: Bool
    /// The tags requested on this call (`aws:RequestTag/*`, `aws:TagKeys`).
    var requested: [Tag]
    var requestedTransitiveKeys: [String]

    init(_ parameters: QueryParameters, caller: CallerIdentity) throws(ServiceError) {
        requested = parameters.tags()
        requestedTransitiveKeys = parameters.list("TransitiveTagKeys")
        guard requested.count <= 50 else {
            throw .validation(
                "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50")
        }
        for (index, tag) in requested.enumerated() {
            guard (1...128).contains(tag.key.count) else {
                throw .validation(
                    "1 validation error detected: Value '\(tag.key)' at 'tags.\(index + 1).member.key' failed to satisfy constraint: Member must have length less than or equal to 128")
            }
            guard tag.value.count <= 256 else {
                throw .validation(
                    "1 validation error detected: Value '\(tag.value)' at 'tags.\(index + 1).member.value' failed to satisfy constraint: Member must have length less than or equal to 256")
            }
            for (text, member, pattern) in [(tag.key, "key", "+"), (tag.value, "value", "*")] where !Self.isTagText(text) {
                throw .validation(
                    "1 validation error detected: Value '\(text)' at 'tags.\(index + 1).member.\(member)' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]\(pattern)")
            }
        }
        let lowered = requested.map { $0.key.lowercased() }
        guard Set(lowered).count == lowered.count else {
            throw ServiceError("InvalidParameterValue", "Duplicate tag keys found. Please note that Tag keys are case insensitive.", status: 400)
        }
        for key in requestedTransitiveKeys where !lowered.contains(key.lowercased()) {
            throw ServiceError("InvalidParameterValue", "The specified transitive tag key \(key) must be included in the requested tags.", status: 400)
        }
        // Transitive tags of the calling session come along and cannot be set again.
        let inherited = caller.sessionTags.filter { tag in caller.transitiveTagKeys.contains { $0.lowercased() == tag.key.lowercased() } }
        for tag in inherited where lowered.contains(tag.key.lowercased()) {
            throw ServiceError(
                "InvalidParameterValue",
                "One of the specified session tags (\(tag.key)) is a transitive tag of the calling session and cannot be overridden.", status: 400)
        }
        tags = inherited + requested
        transitiveKeys = inherited.map(\.key) + requestedTransitiveKeys
        let source = parameters["SourceIdentity"]
        if let source {
            guard (2...64).contains(source.count), source.allSatisfy(LabServer.sessionNameCharacters.contains) else {
                throw .validation(
                    "1 validation error detected: Value '\(source)' at 'sourceIdentity' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*")
            }
            guard !source.lowercased().hasPrefix("aws:") else {
                throw ServiceError("InvalidParameterValue", "SourceIdentity cannot start with the reserved prefix 'aws:'.", status: 400)
            }
            if let existing = caller.sourceIdentity, existing != source {
                // Once set, a source identity stays for the whole role chain.
                throw .accessDenied("Source identity cannot be changed: the calling session's source identity is \(existing).")
            }
        }
        sourceIdentity = source ?? caller.sourceIdentity
        isSettingSourceIdentity = source != nil
    }

    /// STS's `Tag` pattern, `[\p{L}\p{Z}\p{N}_.:/=+\-@]`: letters, separators (spaces), numbers and
    /// `_.:/=+-@`. https://docs.aws.amazon.com/STS/latest/APIReference/API_Tag.html
    static func isTagText(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .spaceSeparator, .lineSeparator, .paragraphSeparator, .decimalNumber, .letterNumber, .otherNumber:
                return true
            default:
                return "_.:/=+-@".unicodeScalars.contains(scalar)
            }
        }
    }

    /// The keys the AssumeRole request itself carries: `aws:RequestTag/*`, `aws:TagKeys`,
    /// `sts:TransitiveTagKeys`, `sts:SourceIdentity`.
    var requestContext: [String: [String]] {
        var context: [String: [String]] = [:]
        for tag in requested { context["aws:RequestTag/\(tag.key)"] = [tag.value] }
        if !requested.isEmpty { context["aws:TagKeys"] = requested.map(\.key) }
        if !requestedTransitiveKeys.isEmpty { context["sts:TransitiveTagKeys"] = requestedTransitiveKeys }
        if isSettingSourceIdentity, let sourceIdentity { context["sts:SourceIdentity"] = [sourceIdentity] }
        return context
    }
}
