/// The actions the trust graph and the escalation edges ask about, screened once per policy.
enum ReachActions {
    static let assumeRole = ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"]

    /// The literal action `*`: only a statement allowing every action matches it (administrator-equivalence).
    static let everything = "*"

    /// Each once: every policy is asked about every one of them.
    static let screened: [String] = {
        var seen = Set<String>()
        return (assumeRole + [everything] + EscalationMethod.allCases.flatMap(\.screenedActions)).filter { seen.insert($0).inserted }
    }()

    static let screenedSet = Set(screened)
}
