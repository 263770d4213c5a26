import IAMConfCore
import IAMConfState

/// Renders refresh drift the way Terraform reports "Objects have changed outside of Terraform":
/// a note, then one block per resource, `~` for changed attributes (state value -> backend value)
/// and `-` for objects deleted behind iamconf's back. Secrets are never shown.
public enum DriftRenderer {
    /// The drift for people. `followedByPlan` words the closing line for `plan --refresh`
    /// (the plan below responds) or for `refresh` (the state now records it).
    public static func text(_ drift: [Drift], followedByPlan: Bool, color: Bool) -> String {
        let style = TerminalStyle(isEnabled: color)
        guard !drift.isEmpty else {
            return followedByPlan ? "" : style.bold(style.green("No changes.")) + style.bold(" No objects have changed outside of iamconf.") + "\n"
        }
        var out = style.bold("Note: Objects have changed outside of iamconf") + "\n\n"
        out += "iamconf detected the following changes made outside of iamconf since the last \"iamconf apply\":\n\n"
        for item in drift { out += block(item, style) + "\n" }
        if followedByPlan {
            out += "Unless you have made equivalent changes to your configuration, the plan below includes actions to undo or respond to these changes.\n\n"
            out += String(repeating: "─", count: 77) + "\n\n"
        } else {
            out += "The state now records these changes. Run `iamconf plan` to see what iamconf would do about them.\n"
        }
        return out
    }

    static func block(_ drift: Drift, _ style: TerminalStyle) -> String {
        let formatter = AttributeFormatter(nameColumn: ChangeBlock.nameColumn, hasMarkers: true, style: style)
        let address = TerminalStyle.printable(drift.address.description)
        var out = "  # \(style.bold(address)) \(drift.kind == .deleted ? "has been deleted" : "has changed")\n"
        let marker = drift.kind == .deleted ? style.symbol("-") : style.symbol("~")
        out += "  \(marker) resource \(quoted(drift.type.rawValue)) \(quoted(drift.address.description)) {\n"
        let entries: [AttributeEntry]
        var hidden = 0
        switch drift.kind {
        case .deleted:
            entries = ChangeBlock(
                change: ResourceChange(address: drift.address, action: .delete, before: drift.before, after: nil), style: style
            ).deleteEntries
        case .changed:
            let documents = drift.type.documentAttributes
            entries = drift.changes.map { change in
                formatter.change(name: change.name, from: change.before, to: change.after, isDocument: documents.contains(change.name))
            }
            let changed = Set(drift.changes.map(\.name))
            hidden = drift.before.attributes.filter { $0.value != .null && !changed.contains($0.key) }.count
        }
        let width = entries.map(\.name.count).max() ?? 0
        for entry in entries {
            out += "      " + style.symbol(entry.symbol) + " " + formatter.pad(entry.name, width) + " = " + entry.lines.joined(separator: "\n") + "\n"
        }
        if hidden > 0 { out += formatter.indent(ChangeBlock.nameColumn) + AttributeFormatter.hidden(hidden, "attribute") + "\n" }
        return out + "    }\n"
    }

    private static func quoted(_ text: String) -> String { JSONValue.string(text).compactText() }

    // MARK: JSON

    /// The drift as JSON, Terraform's `resource_drift` shape kept simple:
    ///
    /// ```
    /// [ { "address": "target.role.S3Access", "type": "role", "account_id": "111111111111",
    ///     "action": "changed" | "deleted",
    ///     "changes": [ { "attribute": "description", "before": value, "after": value } ] } ]
    /// ```
    /// Attribute values are the state's JSON values; `changes` is empty for `deleted`.
    public static func jsonValue(_ drift: [Drift]) -> JSONValue {
        .array(drift.map { item in
            .object([
                ("address", .string(item.address.description)),
                ("type", .string(item.type.rawValue)),
                ("account_id", .string(item.before.accountID)),
                ("action", .string(item.kind.rawValue)),
                ("changes", .array(item.changes.map { change in
                    .object([("attribute", .string(change.name)), ("before", change.before), ("after", change.after)])
                })),
            ])
        })
    }

    /// `iamconf refresh --json`: `{"format_version": "1", "resource_drift": [...], "unreadable": [...]}`.
    public static func json(_ result: RefreshResult) -> String {
        JSONValue.object([
            ("format_version", .string("1")),
            ("resource_drift", jsonValue(result.drift)),
            ("unreadable", .array(result.unreadable.map { .object([("address", .string($0.address.description)), ("reason", .string($0.reason))]) })),
        ]).prettyText() + "\n"
    }

    /// `plan --refresh --json`: the plan's JSON with Terraform's `resource_drift` before `resource_changes`.
    public static func planJSON(_ plan: Plan, drift: [Drift]) -> String {
        PlanRenderer.document(plan, drift: jsonValue(drift)).prettyText() + "\n"
    }
}
