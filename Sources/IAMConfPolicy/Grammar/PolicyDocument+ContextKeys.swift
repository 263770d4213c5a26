extension PolicyDocument {
    /// The context keys the document can consult: condition keys, and keys named by policy
    /// variables (resolved only under 2012-10-17), each once (ignoring case), in order of appearance.
    ///
    /// Like AWS's GetContextKeysForCustomPolicy: tells an access test which context to supply.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetContextKeysForCustomPolicy.html
    public var contextKeys: [String] {
        var keys: [String] = []
        var seen: Set<String> = []
        func add(_ key: String) {
            if seen.insert(key.lowercased()).inserted { keys.append(key) }
        }
        func addVariables(_ text: String) {
            for piece in PolicyTemplate(text, resolvesVariables: resolvesVariables).pieces {
                if case let .variable(key, _, _) = piece { add(key) }
            }
        }
        for statement in statements {
            statement.resource?.values.forEach(addVariables)
            for clause in statement.conditions {
                add(clause.key)
                if CompiledCondition.supportsVariables(clause.condition.base.positive) { clause.values.forEach(addVariables) }
            }
        }
        return keys
    }
}
