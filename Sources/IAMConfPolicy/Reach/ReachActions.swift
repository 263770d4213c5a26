/// The actions the trust graph and the escalation edges ask about, screened once per policy.
enum ReachActions {
    static let assumeRole = ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"]

    /// The literal action `*`: only a statement allowing every action matches it (administrator-equivalence).
    static let everything = "*"

    static let screened: [String] = assumeRole + [everything] + EscalationMethod.allCases.flatMap(\.screenedActions)

    static let screenedSet = Set(screened)
}
