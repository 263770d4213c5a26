extension Decision: CustomStringConvertible {
    /// One line for people: the outcome, the statements behind it, the missing keys.
    ///
    /// `explicitDeny by p1 Statement[1] (Sid NoDelete); missing context: aws:MultiFactorAuthPresent`, or
    /// `implicitDeny: a role trust policy must allow the principal explicitly (...)` when a rule decided.
    public var description: String {
        var text = outcome.rawValue
        if !matchedStatements.isEmpty {
            text += " by " + matchedStatements.map(\.description).joined(separator: ", ")
            if let rule { text += " (\(rule.explanation))" }
        } else if outcome == .implicitDeny {
            text += ": " + (rule?.explanation ?? "no statement allows it")
        }
        if !missingContextKeys.isEmpty {
            text += "; missing context: " + missingContextKeys.joined(separator: ", ")
        }
        return text
    }
}

extension MatchedStatement: CustomStringConvertible {
    /// `policy-id Statement[2] (Sid ReadOnly)`.
    public var description: String {
        "\(policyID) Statement[\(statementIndex)]" + (sid.map { " (Sid \($0))" } ?? "")
    }
}
