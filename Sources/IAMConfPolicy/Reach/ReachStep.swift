/// One request of a chain, decided by the policy engine, with the conditions it needs.
///
/// `step` is `AccessAnalyzer`'s own account of the request (both sides, their reasons, the context);
/// `conditions` is empty when the request is allowed as asked, and names what must also hold when
/// it is allowed only with MFA, or only once the Condition of some allowing statement is met.
public struct ReachStep: Sendable, Hashable {
    public var step: AccessStep
    public var conditions: [ReachCondition]

    public init(step: AccessStep, conditions: [ReachCondition] = []) {
        self.step = step
        self.conditions = conditions
    }

    public var isConditional: Bool { !conditions.isEmpty }

    /// The statements that allow it (identity side, resource policy, trust policy), with locations.
    public var reasons: [AccessReason] { step.reasons }
}
