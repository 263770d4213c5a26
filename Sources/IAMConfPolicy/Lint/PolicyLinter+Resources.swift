import IAMConfCore

/// Resource checks: ARNs against the ARN formats of the catalog, and patterns already covered by
/// another of the same statement.
extension PolicyLinter {
    static func resourceFindings(_ statement: LintStatement, catalog: ActionCatalog) -> [PolicyFinding] {
        var found: [PolicyFinding] = []
        for element in ["Resource", "NotResource"] {
            if statement.isEmptyList(element) {
                found.append(PolicyFinding(.emptyArrayResource, "This statement includes no resources and does not affect the policy. Specify resources.",
                                           path: "\(statement.path).\(element)", isAboutValue: true))
            }
            guard let resources = statement.strings(element) else { continue }
            for resource in resources { found += arnFindings(resource.value, path: resource.path, catalog: catalog) }
            found += redundantResources(resources)
        }
        found += unsupportedResources(statement, catalog: catalog)
        return found
    }

    /// One ARN's shape against the formats its service declares.
    private static func arnFindings(_ written: String, path: String, catalog: ActionCatalog) -> [PolicyFinding] {
        let resource = WildcardPattern.variablesAsWildcards(written)
        guard resource != "*", resource.hasPrefix("arn:") else { return [] }
        let parts = resource.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6 else {
            if resource.hasSuffix("*") { return [] }
            return [PolicyFinding(.missingARNField, "'\(written)' has \(parts.count) of the 6 fields resource ARNs must include: arn:partition:service:region:account:resource.",
                                  path: path, isAboutValue: true)]
        }
        let service = parts[2], region = parts[3], account = parts[4]
        if service.contains("*") || service.contains("?") {
            guard service != "*" else { return [] }
            return [PolicyFinding(.wildcardInServiceName, "Avoid wildcards in the service name '\(service)' of '\(written)': they may grant access to other AWS services with similar names.",
                                  path: path, isAboutValue: true)]
        }
        if service != service.lowercased() {
            return [PolicyFinding(.invalidARNServiceCase, "Update the service name '\(service)' in '\(written)' to use all lowercase letters: ARNs match with case.",
                                  path: path, isAboutValue: true)]
        }
        guard let info = catalog.service(service) else { return [] }
        // The formats this ARN could be meant as: those whose resource part can match.
        let formats = info.resourceTypes.map { ARNFormat($0.arnFormat) }.filter { $0.isARN && WildcardPattern.intersects($0.resource, parts[5]) }
        guard !formats.isEmpty else { return [] }
        var found: [PolicyFinding] = []
        if region.isEmpty, formats.allSatisfy({ !$0.region.isEmpty }) {
            found.append(PolicyFinding(.missingARNRegion, "Add a Region to the \(service) resource ARN '\(written)' (or * for every Region): \(formats[0].written).", path: path, isAboutValue: true))
        } else if !region.isEmpty, region != "*", formats.allSatisfy({ $0.region.isEmpty }) {
            found.append(PolicyFinding(.arnRegionNotAllowed, "The service \(service) does not support specifying a Region in the resource ARN '\(written)': \(formats[0].written).", path: path, isAboutValue: true))
        }
        if account.isEmpty, formats.allSatisfy({ !$0.account.isEmpty }) {
            found.append(PolicyFinding(.missingARNAccount, "Add an account ID to the \(service) resource ARN '\(written)' (or * for every account): \(formats[0].written).", path: path, isAboutValue: true))
        } else if !account.isEmpty, account != "*", formats.allSatisfy({ $0.account.isEmpty }) {
            found.append(PolicyFinding(.arnAccountNotAllowed, "The service \(service) does not support specifying an account ID in the resource ARN '\(written)': \(formats[0].written).", path: path, isAboutValue: true))
        } else if !account.isEmpty, !account.contains("*"), !account.contains("?"), account != "aws",
                  !(account.count == 12 && account.allSatisfy({ $0.isASCII && $0.isNumber })), formats.allSatisfy({ $0.account == "*" }) {
            found.append(PolicyFinding(.invalidARNAccount, "The account ID '\(account)' in '\(written)' is not valid. Provide a 12-digit account ID.", path: path, isAboutValue: true))
        }
        return found
    }

    /// An entry another entry of the same element already covers (`arn:aws:s3:::b/x` beside `arn:aws:s3:::b/*`).
    private static func redundantResources(_ resources: [(value: String, path: String)]) -> [PolicyFinding] {
        var found: [PolicyFinding] = []
        for (index, entry) in resources.enumerated() {
            let cover = resources.indices.first { other in
                other != index && WildcardPattern.covers(resources[other].value, entry.value)
                    && (resources[other].value != entry.value || other < index)
                    && !(WildcardPattern.covers(entry.value, resources[other].value) && other > index)
            }
            guard let cover else { continue }
            found.append(PolicyFinding(.redundantResource,
                "The resource '\(entry.value)' is redundant: '\(resources[cover].value)' already references it. Review the use of wildcards (*), or remove '\(entry.value)'.",
                path: entry.path, isAboutValue: true))
        }
        return found
    }

    /// An action none of whose resource types any of the statement's resources can name; an action
    /// that takes no resource ARN needs `"Resource": "*"`.
    private static func unsupportedResources(_ statement: LintStatement, catalog: ActionCatalog) -> [PolicyFinding] {
        guard let actions = statement.strings("Action"), let written = statement.strings("Resource"), !written.isEmpty else { return [] }
        let resources = written.map { WildcardPattern.variablesAsWildcards($0.value) }
        if resources.contains(where: { $0 == "*" || !$0.hasPrefix("arn:") }) { return [] }
        var found: [PolicyFinding] = []
        for action in actions {
            let matched = catalog.actions(matching: action.value)
            guard !matched.isEmpty, matched.allSatisfy({ !canAct($0, on: resources) }) else { continue }
            let list = written.map { "'\($0.value)'" }.joined(separator: ", ")
            let detail: String
            if matched.count == 1, let info = matched.first {
                detail = info.resourceTypes.isEmpty
                    ? "\(info.qualifiedName) takes no resource ARN, so it needs \"Resource\": \"*\""
                    : "\(info.qualifiedName) acts on \(info.resourceTypes.map { "\($0.name) (\($0.arnFormat))" }.joined(separator: ", "))"
            } else {
                detail = "none of the \(matched.count) actions '\(action.value)' matches acts on such a resource"
            }
            found.append(PolicyFinding(.unsupportedResourceARNInPolicy,
                "The resource ARN(s) \(list) are not supported for the action '\(action.value)': \(detail). The statement never applies to it.",
                path: action.path, isAboutValue: true))
        }
        return found
    }

    private static func canAct(_ action: ActionInfo, on resources: [String]) -> Bool {
        action.resourceTypes.contains { type in
            let format = ARNFormat(type.arnFormat).pattern
            return resources.contains { WildcardPattern.intersects(format, $0) }
        }
    }
}

/// A catalog ARN format (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`) as fields, each
/// variable read as `*`.
struct ARNFormat {
    var written: String
    var pattern: String
    var region: String
    var account: String
    var resource: String
    var isARN: Bool

    init(_ format: String) {
        written = format
        pattern = WildcardPattern.variablesAsWildcards(format)
        let parts = pattern.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        isARN = parts.count == 6
        region = isARN ? parts[3] : "*"
        account = isARN ? parts[4] : "*"
        resource = isARN ? parts[5] : "*"
    }
}
