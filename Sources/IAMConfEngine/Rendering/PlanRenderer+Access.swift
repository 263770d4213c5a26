import IAMConfPolicy

/// The `Access changes:` part of the plan text: after the resource changes, what each affected
/// principal gains (`+`) and loses (`-`), who can now (or no longer) assume a role, and what a
/// bucket policy now grants or denies, ending with a one-line count.
extension PlanRenderer {
    /// How many lines one principal (role, bucket) shows before pointing at the full list.
    static let accessLinesShown = 12

    static func accessText(_ changes: [AccessChange], style: TerminalStyle) -> String {
        guard !changes.isEmpty else { return "" }
        var out = "\n" + style.bold("Access changes:") + "\n"
        for change in changes {
            out += "\n" + accessBlock(change, style: style).joined(separator: "\n") + "\n"
        }
        let gaining = changes.filter(\.hasGains).count
        let losing = changes.filter(\.hasLosses).count
        out += "\n" + style.bold("Access:") + " \(changes.count) changed (\(gaining) with gains, \(losing) with losses).\n"
        return out
    }

    static func accessBlock(_ change: AccessChange, style: TerminalStyle) -> [String] {
        switch change {
        case let .permissions(change):
            let status = change.status == .created ? ", created by this plan" : change.status == .deleted ? ", deleted by this plan" : ""
            // Only the lines shown are rendered: a new principal with ReadOnlyAccess has hundreds.
            let items = change.gains.map { ("+", $0) } + change.losses.map { ("-", $0) }
            let hint = change.status == .deleted
                ? "plan --json lists them all" : "`iamconf access \(change.principal.name)` or plan --json lists them all"
            let shown = items.count > accessLinesShown + 1 ? accessLinesShown : items.count
            var lines = items.prefix(shown).map { marked($0.0, $0.1.text, style) }
            if shown < items.count { lines.append("    ... and \(items.count - shown) more lines (\(hint))") }
            lines += change.notes.map { "    note: " + TerminalStyle.printable($0) }
            return ["  # \(TerminalStyle.printable(change.principal.description))\(status)"] + lines
        case let .trust(change):
            let lines = change.gains.map { marked("+", "can now be assumed by " + $0.text, style) }
                + change.losses.map { marked("-", "can no longer be assumed by " + $0.text, style) }
            return ["  # \(TerminalStyle.printable(change.role.description)) trust policy"] + capped(lines, hint: "plan --json lists them all")
        case let .bucketPolicy(change):
            var lines: [String] = []
            for entry in change.principals {
                lines.append("    \(TerminalStyle.printable(entry.principal.description)):")
                lines += entry.gains.map { marked("+", $0.text, style, indent: 6) }
                lines += entry.noLongerDenied.map { marked("+", "no longer denied: " + $0.text, style, indent: 6) }
                lines += entry.losses.map { marked("-", $0.text, style, indent: 6) }
                lines += entry.nowDenied.map { marked("-", "now denied: " + $0.text, style, indent: 6) }
            }
            return ["  # \(TerminalStyle.printable(change.bucket)) policy (\(change.arn))"] + capped(lines, hint: "plan --json lists them all")
        }
    }

    private static func marked(_ symbol: String, _ text: String, _ style: TerminalStyle, indent: Int = 4) -> String {
        String(repeating: " ", count: indent) + style.symbol(symbol) + " " + TerminalStyle.printable(text)
    }

    private static func capped(_ lines: [String], hint: String) -> [String] {
        guard lines.count > accessLinesShown + 1 else { return lines }
        return Array(lines.prefix(accessLinesShown)) + ["    ... and \(lines.count - accessLinesShown) more lines (\(hint))"]
    }
}

extension AccessChange {
    /// Whether anyone loses anything.
    var hasLosses: Bool {
        switch self {
        case let .permissions(change): return !change.losses.isEmpty
        case let .trust(change): return !change.losses.isEmpty
        case let .bucketPolicy(change): return change.principals.contains { !$0.losses.isEmpty || !$0.nowDenied.isEmpty }
        }
    }
}
