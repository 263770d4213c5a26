import IAMConfCore

/// One change as a comment line and a resource block.
struct ChangeBlock {
    var change: ResourceChange
    var style: TerminalStyle

    /// Where attribute names start inside a block (Terraform's layout: marker at 6, name at 8).
    static let nameColumn = 8

    var formatter: AttributeFormatter { AttributeFormatter(nameColumn: Self.nameColumn, hasMarkers: true, style: style) }
    var typeName: String { change.type?.rawValue ?? change.before?.type.rawValue ?? "unknown" }
    var documents: Set<String> { change.type?.documentAttributes ?? [] }

    func render() -> String {
        let address = style.bold(TerminalStyle.printable(change.address.description))
        var out = ""
        // A declared rename, as Terraform shows a moved resource: the object first, then what
        // moves with it (no IAM call for those), then the in-place update that renames it.
        if let rename = change.rename {
            for old in [rename.from] + change.movedAlong {
                let new = rename.movedAddress(of: old) ?? rename.to
                out += "  # \(style.bold(TerminalStyle.printable(old.description))) has moved to \(style.bold(TerminalStyle.printable(new.description)))\n"
            }
        }
        out += "  # \(address) \(verb)\n"
        for reason in explanations { out += "  # (because \(TerminalStyle.printable(reason)))\n" }
        let marker = PlanRenderer.pad(style.marker(change.action), visible: PlanRenderer.marker(change.action).count, to: 3)
        out += "\(marker) resource \(quoted(typeName)) \(quoted(change.address.description)) {\n"
        let entries = self.entries
        let width = entries.map(\.name.count).max() ?? 0
        for entry in entries {
            out += write(entry, width: width)
        }
        let hidden = hiddenCount
        if hidden > 0 { out += formatter.indent(Self.nameColumn) + AttributeFormatter.hidden(hidden, "attribute") + "\n" }
        return out + "    }\n"
    }

    var verb: String {
        switch change.action {
        case .create: return "will be created"
        case .update: return "will be updated in place"
        case .replace: return "must be replaced"
        case .delete: return "will be destroyed"
        }
    }

    /// Replacement reasons that are not attributes: a replaced dependency, a moved account or type.
    var explanations: [String] {
        if change.action == .delete, let reason = change.deleteReason { return [reason] }
        guard change.action == .replace else { return [] }
        return change.replaceReason?.explanation.map { [$0] } ?? []
    }

    var entries: [AttributeEntry] {
        switch change.action {
        case .create: return createEntries
        case .update, .replace: return changedEntries
        case .delete: return deleteEntries
        }
    }

    /// Every non-null attribute, plus the outputs the backend will assign.
    var createEntries: [AttributeEntry] {
        guard let after = change.after else { return [] }
        var entries = after.attributes.filter { $0.value != .null }.map { name, value in
            AttributeEntry(symbol: "+", name: name, lines: formatter.value(value, symbol: "+", isDocument: documents.contains(name)))
        }
        for output in after.type.kind.knownAfterApply where after.attributes[output] == nil {
            entries.append(AttributeEntry(symbol: "+", name: output, lines: ["(known after apply)"]))
        }
        return entries.sorted { $0.name < $1.name }
    }

    /// The changed attributes, those forcing the replacement marked, and a moved account or type.
    var changedEntries: [AttributeEntry] {
        let before = change.before?.attributes ?? [:]
        let after = change.after?.attributes ?? [:]
        var entries = change.changedAttributes.map { name in
            var entry = formatter.change(
                name: name, from: before[name] ?? .null, to: after[name] ?? .null, isDocument: documents.contains(name))
            if change.action == .replace, case let .attributes(forcing)? = change.replaceReason, forcing.contains(name) { entry.comment = "forces replacement" }
            return entry
        }
        if change.replaceReason == .accountChanged, let old = change.before?.accountID, let new = change.after?.accountID {
            entries.append(forced(formatter.change(name: "account_id", from: .string(old), to: .string(new), isDocument: false)))
        }
        if change.replaceReason == .typeChanged, let old = change.before?.type.rawValue, let new = change.after?.type.rawValue {
            entries.append(forced(formatter.change(name: "type", from: .string(old), to: .string(new), isDocument: false)))
        }
        return entries
    }

    private func forced(_ entry: AttributeEntry) -> AttributeEntry {
        var entry = entry
        entry.comment = "forces replacement"
        return entry
    }

    /// What names the object being destroyed: its identifying attributes and its ARN or key id.
    var deleteEntries: [AttributeEntry] {
        guard let before = change.before else { return [] }
        var entries = before.attributes.filter { Self.identifying.contains($0.key) && $0.value != .null }.map { name, value in
            AttributeEntry(symbol: "-", name: name, lines: formatter.removal(value, isDocument: false))
        }
        for output in ["arn", "access_key_id"] where before.attributes[output] == nil {
            if let value = before.outputs[output] {
                entries.append(AttributeEntry(symbol: "-", name: output, lines: formatter.removal(.string(value), isDocument: false)))
            }
        }
        return entries.sorted { $0.name < $1.name }
    }

    /// Attributes that an update or replacement leaves alone, counted rather than listed.
    var hiddenCount: Int {
        guard change.action == .update || change.action == .replace else { return 0 }
        let before = change.before?.attributes ?? [:]
        let after = change.after?.attributes ?? [:]
        let present = Set(before.filter { $0.value != .null }.keys).union(after.filter { $0.value != .null }.keys)
        return present.subtracting(change.changedAttributes).count
    }

    /// Attributes that say which object a delete removes (names and the ends of a relationship).
    static let identifying: Set<String> = [
        "alias", "bucket", "entity", "group", "index", "name", "path", "policy_arn", "profile", "role", "service",
        "suffix", "url", "user",
    ]

    private func write(_ entry: AttributeEntry, width: Int) -> String {
        let head = "      " + style.symbol(entry.symbol) + " " + formatter.pad(entry.name, width) + " = "
        var lines = entry.lines
        if let comment = entry.comment { lines[0] += " # " + comment }
        return head + lines.joined(separator: "\n") + "\n"
    }

    private func quoted(_ text: String) -> String { JSONValue.string(text).compactText() }
}
