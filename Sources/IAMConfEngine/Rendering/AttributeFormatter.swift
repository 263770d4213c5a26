import IAMConfCore

/// One attribute line of a rendered block: its marker, name and value lines.
///
/// The value's first line follows `name = `; later lines are complete (already indented), so a
/// block can pad every name to the same width before it writes anything.
struct AttributeEntry: Sendable {
    /// `+`, `~`, `-`, or empty where a view has no markers (`iamconf show`).
    var symbol: String
    var name: String
    var lines: [String]
    /// Appended to the first line as `# comment` (`forces replacement`).
    var comment: String? = nil
}

/// Formats attribute values the way Terraform shows them: quoted strings, maps and lists one
/// entry a line, policy documents as sorted, indented JSON, and changes as `old -> new` or a diff.
struct AttributeFormatter: Sendable {
    /// The column (0-based) where attribute names start; nested lines indent from it.
    var nameColumn: Int
    /// Whether nested entries carry `+`/`~`/`-` markers (plans) or not (state views).
    var hasMarkers: Bool
    var style: TerminalStyle

    // MARK: Whole values

    /// A value shown on its own, as on a create (`symbol` `+`), a delete (`-`) or in the state.
    func value(_ value: JSONValue, symbol: String, isDocument: Bool) -> [String] {
        switch value {
        case .object where isDocument:
            return document(value)
        case let .object(members) where !members.isEmpty:
            let keys = members.map { Self.scalar(.string($0.key)) }
            let width = keys.map(\.count).max() ?? 0
            let lines = zip(keys, members).map { key, member in
                nested(symbol, pad(key, width) + " = " + Self.scalar(member.value))
            }
            return ["{"] + lines + [indent(nameColumn) + "}"]
        case let .array(items) where !items.isEmpty:
            return ["["] + items.map { nested(symbol, Self.scalar($0) + ",") } + [indent(nameColumn) + "]"]
        default:
            return [Self.scalar(value)]
        }
    }

    /// A document as pretty JSON with sorted keys, its first `{` on the attribute line.
    func document(_ value: JSONValue) -> [String] {
        let lines = prettyLines(value, sortKeys: true)
        guard lines.count > 1 else { return lines }
        return [lines[0]] + lines.dropFirst().map { indent(nameColumn) + $0 }
    }

    /// The lines between a document's outer braces (none for `{}`).
    private func interior(_ value: JSONValue, sortKeys: Bool) -> [String] {
        Array(prettyLines(value, sortKeys: sortKeys).dropFirst().dropLast())
    }

    private func prettyLines(_ value: JSONValue, sortKeys: Bool) -> [String] {
        value.prettyText(sortKeys: sortKeys).split(separator: "\n", omittingEmptySubsequences: false)
            .map { TerminalStyle.printable(String($0)) }
    }

    // MARK: Changes

    /// How one attribute changed: an entry with the right marker for added, removed or changed.
    func change(name: String, from old: JSONValue, to new: JSONValue, isDocument: Bool) -> AttributeEntry {
        switch (old, new) {
        case (.null, _):
            return AttributeEntry(symbol: "+", name: name, lines: value(new, symbol: "+", isDocument: isDocument))
        case (_, .null):
            return AttributeEntry(symbol: "-", name: name, lines: removal(old, isDocument: isDocument))
        case (.object, .object) where isDocument:
            return AttributeEntry(symbol: "~", name: name, lines: documentDiff(old, new))
        case let (.object(a), .object(b)) where !a.isEmpty && !b.isEmpty:
            return AttributeEntry(symbol: "~", name: name, lines: mapDiff(a, b))
        case let (.array(a), .array(b)) where !a.isEmpty && !b.isEmpty:
            return AttributeEntry(symbol: "~", name: name, lines: listDiff(a, b))
        default:
            return AttributeEntry(symbol: "~", name: name, lines: [Self.scalar(old) + " -> " + Self.scalar(new)])
        }
    }

    /// A value going away, shown in full and ending in `-> null`.
    func removal(_ old: JSONValue, isDocument: Bool) -> [String] {
        var lines = value(old, symbol: "-", isDocument: isDocument)
        lines[lines.count - 1] += " -> null"
        return lines
    }

    /// A unified diff of the two documents' sorted, indented JSON, markers under the attribute's.
    ///
    /// Sorting keys keeps a reordered document from looking rewritten. Should the sorted forms
    /// still be equal (a comparison stricter than key order said they differ), the documents are
    /// diffed as written so the difference stays visible.
    func documentDiff(_ old: JSONValue, _ new: JSONValue) -> [String] {
        // Parts that mean the same are shown in the new spelling, so only real changes are lines.
        var before = interior(Self.align(old, to: new), sortKeys: true)
        var after = interior(new, sortKeys: true)
        if before == after {
            before = interior(old, sortKeys: false)
            after = interior(new, sortKeys: false)
        }
        var lines = ["{"]
        for piece in LineDiff.hunks(LineDiff.diff(before, after)) {
            switch piece {
            case let .line(.context(text)): lines.append(indent(nameColumn) + text)
            case let .line(.delete(text)): lines.append(marked("-", at: nameColumn - 2) + text)
            case let .line(.insert(text)): lines.append(marked("+", at: nameColumn - 2) + text)
            case let .skipped(count): lines.append(indent(nameColumn + 2) + Self.hidden(count, "line"))
            }
        }
        return lines + [indent(nameColumn) + "}"]
    }

    /// `old` in `new`'s spelling wherever the two say the same thing the way IAM reads policies: a
    /// string and a one-element list of it, the same set of values in another order, the same keys
    /// in another order. What differs keeps its own spelling.
    static func align(_ old: JSONValue, to new: JSONValue) -> JSONValue {
        if old == new { return new }
        switch (old, new) {
        case let (.string(text), .array(items)) where items == [.string(text)]: return new
        case let (.array(items), .string(text)) where items == [.string(text)]: return new
        case let (.array(a), .array(b)):
            if a.count == b.count, Set(a) == Set(b) { return new }
            return a.count == b.count ? .array(zip(a, b).map { align($0, to: $1) }) : old
        case let (.object(a), .object(b)):
            let newValues = Dictionary(b.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            return .object(a.map { member in (member.key, newValues[member.key].map { align(member.value, to: $0) } ?? member.value) })
        default:
            return old
        }
    }

    /// Map entries that were added, removed or changed, with a count of the unchanged ones.
    func mapDiff(_ old: [(key: String, value: JSONValue)], _ new: [(key: String, value: JSONValue)]) -> [String] {
        let oldMap = Dictionary(old.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let newMap = Dictionary(new.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let keys = Set(oldMap.keys).union(newMap.keys).sorted()
        var rows: [(symbol: String, key: String, text: String)] = []
        var unchanged = 0
        for key in keys {
            switch (oldMap[key], newMap[key]) {
            case let (a?, b?) where a == b: unchanged += 1
            case let (a?, b?): rows.append(("~", key, Self.scalar(a) + " -> " + Self.scalar(b)))
            case let (a?, nil): rows.append(("-", key, Self.scalar(a) + " -> null"))
            case let (nil, b?): rows.append(("+", key, Self.scalar(b)))
            case (nil, nil): break
            }
        }
        let quoted = rows.map { Self.scalar(.string($0.key)) }
        let width = quoted.map(\.count).max() ?? 0
        var lines = ["{"]
        for (row, key) in zip(rows, quoted) { lines.append(nested(row.symbol, pad(key, width) + " = " + row.text)) }
        if unchanged > 0 { lines.append(indent(nameColumn + 4) + Self.hidden(unchanged, "element")) }
        return lines + [indent(nameColumn) + "}"]
    }

    /// List items diffed in order, unchanged runs folded.
    func listDiff(_ old: [JSONValue], _ new: [JSONValue]) -> [String] {
        var lines = ["["]
        for piece in LineDiff.hunks(LineDiff.diff(old.map(Self.scalar), new.map(Self.scalar)), context: 1) {
            switch piece {
            case let .line(.context(text)): lines.append(nested("", text + ","))
            case let .line(.delete(text)): lines.append(nested("-", text + ","))
            case let .line(.insert(text)): lines.append(nested("+", text + ","))
            case let .skipped(count): lines.append(indent(nameColumn + 4) + Self.hidden(count, "element"))
            }
        }
        return lines + [indent(nameColumn) + "]"]
    }

    // MARK: Pieces

    /// One scalar as it would be written: strings quoted and escaped, containers as compact JSON.
    /// JSON escapes C0 controls; `printable` also catches DEL and the C1 range JSON lets through.
    static func scalar(_ value: JSONValue) -> String { TerminalStyle.printable(value.compactText()) }

    static func hidden(_ count: Int, _ noun: String) -> String {
        "# (\(count) unchanged \(noun)\(count == 1 ? "" : "s") hidden)"
    }

    /// A nested entry (map key, list item) four columns in, its marker two columns before it.
    private func nested(_ symbol: String, _ text: String) -> String {
        guard hasMarkers else { return indent(nameColumn + 4) + text }
        return marked(symbol, at: nameColumn + 2) + text
    }

    /// `symbol` at `column` followed by a space, or spaces alone for an unmarked line.
    private func marked(_ symbol: String, at column: Int) -> String {
        guard !symbol.isEmpty else { return indent(column + 2) }
        return indent(column) + style.symbol(symbol) + " "
    }

    func indent(_ count: Int) -> String { String(repeating: " ", count: max(0, count)) }

    func pad(_ text: String, _ width: Int) -> String { text + indent(width - text.count) }
}
