/// One condition operator and key with its policy values parsed for the operator's family.
///
/// Values of operators that support policy variables (String*, Arn*, Bool) stay templates when they
/// contain `${...}` under Version 2012-10-17, and are resolved per request.
struct CompiledCondition: Sendable {
    enum Value: Sendable {
        case text(String)
        case glob(Glob)
        case number(Double)
        case date(Double)
        case ip(IPRange)
        case binary([UInt8])
        case template(PolicyTemplate)
        /// A value that cannot be read for this operator; it matches nothing.
        case invalid
    }

    let condition: ConditionOperator
    /// The key as written, for missing-key reports.
    let key: String
    let keyLower: String
    let values: [Value]
    /// The positive operator (`StringEquals` for `StringNotEquals`).
    let positive: ConditionOperator.Base

    init(_ clause: ConditionClause, resolvesVariables: Bool) {
        condition = clause.condition
        key = clause.key
        keyLower = clause.key.lowercased()
        positive = clause.condition.base.positive
        let base = positive
        values = clause.values.map { text in
            let template = PolicyTemplate(text, resolvesVariables: resolvesVariables)
            if !template.isPlain, CompiledCondition.supportsVariables(base) { return .template(template) }
            return CompiledCondition.compile(text, base)
        }
    }

    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-wheretouse
    static func supportsVariables(_ base: ConditionOperator.Base) -> Bool {
        switch base {
        case .stringEquals, .stringEqualsIgnoreCase, .stringLike, .arnEquals, .arnLike, .bool: return true
        default: return false
        }
    }

    static func compile(_ text: String, _ base: ConditionOperator.Base) -> Value {
        switch base {
        case .stringEquals, .bool, .null: return .text(text)
        case .stringEqualsIgnoreCase: return .text(text.lowercased())
        case .stringLike: return .glob(Glob(text, caseInsensitive: false))
        case .arnEquals, .arnLike: return .glob(Glob(text, caseInsensitive: false))
        case .numericEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan, .numericGreaterThanEquals:
            return DecimalNumber.parse(text).map(Value.number) ?? .invalid
        case .dateEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            return DateValue.parse(text).map(Value.date) ?? .invalid
        case .ipAddress: return IPRange(text).map(Value.ip) ?? .invalid
        case .binaryEquals: return Base64.decode(text).map(Value.binary) ?? .invalid
        default: return .invalid
        }
    }

    /// Evaluates the condition against the context: values OR, negated operators NOR, missing keys
    /// false (true for negated operators, IfExists and ForAllValues), Null tests presence.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
    func evaluate(_ context: RequestContext) -> Bool {
        let present = context.values(forLowercasedKey: keyLower)
        if condition.base == .null {
            let isAbsent = present == nil || present?.isEmpty == true
            return values.contains { if case let .text(t) = $0 { return (t.lowercased() == "true") == isAbsent } else { return false } }
        }
        guard let present, !present.isEmpty else {
            if condition.ifExists { return true }
            switch condition.qualifier {
            case .forAllValues?: return true
            case .forAnyValue?: return false
            case nil: return condition.base.isNegated
            }
        }
        let negated = condition.base.isNegated
        switch condition.qualifier {
        case nil:
            let any = present.contains { matchesAny($0, context) }
            return negated ? !any : any
        case .forAnyValue?:
            return present.contains { matchesAny($0, context) != negated }
        case .forAllValues?:
            return present.allSatisfy { matchesAny($0, context) != negated }
        }
    }

    /// Whether one context value matches any policy value under the positive operator.
    func matchesAny(_ value: String, _ context: RequestContext) -> Bool {
        for policyValue in values {
            var resolved = policyValue
            if case let .template(template) = policyValue {
                guard let text = template.resolveText(context) else { continue }
                resolved = positive == .stringLike || positive == .arnLike || positive == .arnEquals
                    ? (template.resolveGlob(context, caseInsensitive: false).map(Value.glob) ?? .invalid)
                    : CompiledCondition.compile(text, positive)
            }
            if ConditionMatch.matches(positive, value, resolved) { return true }
        }
        return false
    }
}
