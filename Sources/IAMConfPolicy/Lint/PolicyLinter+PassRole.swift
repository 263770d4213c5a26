import IAMConfCore

/// `iam:PassRole` and `iam:CreateServiceLinkedRole` granted too widely: by `*` resources, by
/// `NotResource`, or through `NotAction`.
///
/// A role name that starts with a service's own prefix (`arn:aws:iam::*:role/Service*`, the
/// convention services use for the roles they are passed) is not a star resource, as in AWS's check.
extension PolicyLinter {
    static func passRoleFindings(_ statement: LintStatement, catalog: ActionCatalog) -> [PolicyFinding] {
        guard statement.isAllow else { return [] }
        return sensitiveAction("iam:PassRole", statement: statement, issues: passRoleIssues,
                               why: "can allow passing any role to any service")
            + sensitiveAction("iam:CreateServiceLinkedRole", statement: statement, issues: createSLRIssues,
                              why: "can allow creating unintended service-linked roles")
    }

    struct SensitiveIssues {
        var starInResource: PolicyIssue
        var starInActionAndResource: PolicyIssue
        var notResource: PolicyIssue
        var starInActionAndNotResource: PolicyIssue
        var notActionAndNotResource: PolicyIssue
        var starInResourceAndNotAction: PolicyIssue
    }

    static let passRoleIssues = SensitiveIssues(
        starInResource: .passRoleWithStarInResource, starInActionAndResource: .passRoleWithStarInActionAndResource,
        notResource: .passRoleWithNotResource, starInActionAndNotResource: .passRoleWithStarInActionAndNotResource,
        notActionAndNotResource: .passRoleWithNotActionAndNotResource, starInResourceAndNotAction: .passRoleWithStarInResourceAndNotAction)

    static let createSLRIssues = SensitiveIssues(
        starInResource: .createSLRWithStarInResource, starInActionAndResource: .createSLRWithStarInActionAndResource,
        notResource: .createSLRWithNotResource, starInActionAndNotResource: .createSLRWithStarInActionAndNotResource,
        notActionAndNotResource: .createSLRWithNotActionAndNotResource, starInResourceAndNotAction: .createSLRWithStarInResourceAndNotAction)

    private static func sensitiveAction(_ action: String, statement: LintStatement, issues: SensitiveIssues, why: String) -> [PolicyFinding] {
        // Which entry grants the action: written out, or through a wildcard, or left out of NotAction.
        let grant: (path: String, byWildcard: Bool, byNotAction: Bool)
        if let actions = statement.strings("Action") {
            guard let entry = actions.first(where: { Self.actionPattern($0.value, matches: action) }) else { return [] }
            grant = (entry.path, entry.value.contains("*") || entry.value.contains("?"), false)
        } else if let notActions = statement.strings("NotAction") {
            guard !notActions.contains(where: { Self.actionPattern($0.value, matches: action) }) else { return [] }
            grant = ("\(statement.path).NotAction", false, true)
        } else {
            return []
        }
        if let notResources = statement.strings("NotResource") {
            // NotResource that itself excludes every role leaves nothing to pass.
            guard !notResources.contains(where: { $0.value == "*" }) else { return [] }
            let issue = grant.byNotAction ? issues.notActionAndNotResource : grant.byWildcard ? issues.starInActionAndNotResource : issues.notResource
            return [PolicyFinding(issue, "Using \(action) through \(grant.byNotAction ? "NotAction" : grant.byWildcard ? "an action wildcard" : "Action") with NotResource \(why) on multiple resources. We recommend that you list the allowed role ARNs in Resource instead.",
                                  path: "\(statement.path).NotResource")]
        }
        guard let resources = statement.strings("Resource"),
              let star = resources.first(where: { isStarResource($0.value) }) else { return [] }
        let issue = grant.byNotAction ? issues.starInResourceAndNotAction : grant.byWildcard ? issues.starInActionAndResource : issues.starInResource
        let fix = action == "iam:PassRole" ? "specify role ARNs or add the iam:PassedToService condition key" : "specify resource ARNs"
        if action == "iam:PassRole", statement.json["Condition"]?.objectValue?.contains(where: { block in
            block.value.objectValue?.contains { $0.key.lowercased() == "iam:passedtoservice" } == true
        }) == true, !grant.byWildcard, !grant.byNotAction {
            return []
        }
        return [PolicyFinding(issue, "Using \(action) \(grant.byNotAction ? "through NotAction " : grant.byWildcard ? "through an action wildcard " : "")with the resource '\(star.value)' \(why). We recommend that you \(fix).",
                              path: grant.byNotAction || grant.byWildcard ? grant.path : star.path, isAboutValue: true)]
    }

    /// Whether a policy's action pattern matches an action name (without case, `*` and `?`).
    static func actionPattern(_ pattern: String, matches action: String) -> Bool {
        if pattern == "*" { return true }
        return Glob(pattern, caseInsensitive: true).matches(text: action)
    }

    /// A resource that covers every role (or every service-linked role): `*`, `arn:aws:iam::*:role/*`,
    /// `arn:aws:iam::123456789012:role/*`, but not `arn:aws:iam::*:role/Service*`-style prefixes.
    static func isStarResource(_ resource: String) -> Bool {
        if resource == "*" { return true }
        let parts = resource.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return resource.hasSuffix("*") }
        guard parts[2] == "iam" || parts[2].contains("*") else { return false }
        let rest = parts[5]
        if rest.first == "*" { return true }
        for type in ["role/aws-service-role/", "role/"] where rest.hasPrefix(type) {
            let name = rest.dropFirst(type.count)
            if name.first == "*" || name.first == "?" { return true }
        }
        return false
    }
}

extension Glob {
    func matches(text: String) -> Bool {
        var text = text
        return text.withUTF8 { matches($0) }
    }
}
