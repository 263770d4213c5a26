import IAMConfCore

/// Action checks: empty lists and actions another pattern of the same statement already covers.
extension PolicyLinter {
    static func actionFindings(_ statement: LintStatement, catalog: ActionCatalog) -> [PolicyFinding] {
        var found: [PolicyFinding] = []
        if statement.isEmptyList("Action") || statement.isEmptyList("NotAction") {
            let element = statement.isEmptyList("Action") ? "Action" : "NotAction"
            found.append(PolicyFinding(.emptyArrayAction, "This statement includes no actions and does not affect the policy. Specify actions.",
                                       path: "\(statement.path).\(element)", isAboutValue: true))
        }
        for element in ["Action", "NotAction"] {
            guard let actions = statement.strings(element), actions.count > 1 else { continue }
            found += redundantActions(actions, catalog: catalog)
        }
        return found
    }

    /// An action whose every match another entry also matches (through the catalog: `iam:Get*`
    /// covers `iam:GetUser`); of two entries matching the same actions, the later one.
    private static func redundantActions(_ actions: [(value: String, path: String)], catalog: ActionCatalog) -> [PolicyFinding] {
        let matches: [Set<String>] = actions.map { entry in
            Set(catalog.actions(matching: entry.value).map { $0.qualifiedName.lowercased() })
        }
        var found: [PolicyFinding] = []
        for (index, entry) in actions.enumerated() where !matches[index].isEmpty {
            let cover = actions.indices.first { other in
                other != index && !matches[other].isEmpty && matches[index].isSubset(of: matches[other])
                    && (matches[index] != matches[other] || other < index)
            }
            guard let cover else { continue }
            found.append(PolicyFinding(.redundantAction,
                "The action '\(entry.value)' is redundant: '\(actions[cover].value)' already includes \(matches[index].count == 1 ? "it" : "all \(matches[index].count) actions it matches"). Remove '\(entry.value)'.",
                path: entry.path, isAboutValue: true))
        }
        return found
    }
}
