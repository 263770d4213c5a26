import IAMConfCore

/// Pieces the who-can and paths views share: conditions, reasons and steps as text and JSON.
enum ReachRendering {
    /// `when A and B`, or nothing.
    static func when(_ conditions: [ReachCondition]) -> String {
        conditions.isEmpty ? "" : " when " + conditions.map(\.text).joined(separator: " and ")
    }

    /// The statements behind a step, one `- ...` line each (or why there is none).
    static func reasonLines(_ step: ReachStep, indent: String) -> [String] {
        guard !step.reasons.isEmpty else {
            let why = step.step.callerARN.hasSuffix(":root") ? "the account's root user needs no policy in its own account" : "no statement needed"
            return [indent + "- (\(why))"]
        }
        return step.reasons.map { indent + "- " + $0.text }
    }

    static func json(_ condition: ReachCondition) -> JSONValue {
        .object([
            ("text", .string(condition.text)),
            ("key", condition.key.map(JSONValue.string) ?? .null),
            ("operator", condition.conditionOperator.map(JSONValue.string) ?? .null),
            ("values", .array(condition.values.map(JSONValue.string))),
            ("statement", condition.statement?.json ?? .null),
        ])
    }

    static func json(_ step: ReachStep) -> JSONValue {
        .object([
            ("caller", .string(step.step.callerName)),
            ("callerArn", .string(step.step.callerARN)),
            ("action", .string(step.step.action)),
            ("resource", .string(step.step.resource)),
            ("conditions", .array(step.conditions.map(json))),
            ("reasons", .array(step.reasons.map(\.json))),
        ])
    }

    static func json(_ principal: ReachPrincipal) -> JSONValue {
        .object([
            ("name", .string(principal.name)),
            ("kind", .string(principal.kind.rawValue)),
            ("arn", .string(principal.arn)),
            ("account", principal.account.map(JSONValue.string) ?? .null),
        ])
    }

    static func json(_ edge: TrustEdge) -> JSONValue {
        .object([
            ("from", .string(edge.from.name)),
            ("to", .string(edge.to.name)),
            ("action", .string(edge.action)),
            ("conditions", .array(edge.conditions.map(json))),
            ("reasons", .array(edge.reasons.map(\.json))),
        ])
    }

    static func quote(_ text: String) -> String { DOT.quote(text) }
}
