import IAMConfCore
import IAMConfState

/// Renders a `Plan` for people (`text`) and for programs (`json`, see `PlanRenderer+JSON.swift`).
///
/// The text follows Terraform's plan output so that it reads familiarly: a `# ADDRESS will be …`
/// comment, a `resource "TYPE" "ADDRESS" { … }` block with `+`/`~`/`-/+`/`-` markers, and a
/// `Plan: N to add, N to change, N to destroy.` line. Secrets are never rendered: they live only in
/// `ResourceState.secrets`, which this type does not read.
public enum PlanRenderer {
    /// The human plan. With `color` false the output contains no escape codes at all.
    public static func text(_ plan: Plan, color: Bool) -> String {
        let style = TerminalStyle(isEnabled: color)
        guard plan.hasChanges else { return noChanges(plan, style) }
        var out = "Resource actions are indicated with the following symbols:\n"
        let used = Set(plan.changes.map(\.action))
        for action in [ChangeAction.create, .update, .replace, .delete] where used.contains(action) {
            out += pad(style.marker(action), visible: marker(action).count, to: 3) + " " + legend(action) + "\n"
        }
        out += "\niamconf will perform the following actions:\n\n"
        out += blocks(plan.changes, style: style)
        let summary = plan.summary
        out += style.bold("Plan:") + " \(summary.add) to add, \(summary.change) to change, \(summary.destroy) to destroy.\n"
        if let skipped = plan.accessChangesSkipped {
            out += "\n" + style.bold("Access changes:") + " not computed: \(skipped).\n"
        } else {
            out += accessText(plan.accessChanges ?? [], style: style)
        }
        return out
    }

    /// Every change's block, in plan order. Blocks are independent, so a large plan renders them in
    /// parallel chunks (rendering was the largest step of a 100k-resource plan from empty).
    static func blocks(_ changes: [ResourceChange], style: TerminalStyle) -> String {
        let chunkCount = min(16, max(1, changes.count / 1_024))
        let chunks = Parallel.map(count: chunkCount) { chunk in
            var text = ""
            for change in changes[(changes.count * chunk / chunkCount)..<(changes.count * (chunk + 1) / chunkCount)] {
                text += ChangeBlock(change: change, style: style).render() + "\n"
            }
            return text
        }
        return chunks.joined()
    }

    private static func noChanges(_ plan: Plan, _ style: TerminalStyle) -> String {
        if plan.isDestroy {
            return style.bold(style.green("No changes.")) + style.bold(" No objects need to be destroyed.") + "\n\n"
                + "Either nothing has been created yet or the state is empty, so there is nothing to destroy.\n"
        }
        return style.bold(style.green("No changes.")) + style.bold(" Your configuration matches the state.") + "\n\n"
            + "iamconf compared your configuration with the state and found no differences, so no changes are needed.\n"
    }

    static func marker(_ action: ChangeAction) -> String {
        switch action {
        case .create: return "+"
        case .update: return "~"
        case .replace: return "-/+"
        case .delete: return "-"
        }
    }

    static func legend(_ action: ChangeAction) -> String {
        switch action {
        case .create: return "create"
        case .update: return "update in place"
        case .replace: return "destroy and then create replacement"
        case .delete: return "destroy"
        }
    }

    /// Right-aligns a possibly coloured marker by its visible width.
    static func pad(_ styled: String, visible: Int, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - visible)) + styled
    }
}
