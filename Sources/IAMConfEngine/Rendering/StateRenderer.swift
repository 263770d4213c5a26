import IAMConfCore
import IAMConfState

/// Renders the state for `iamconf show`, `iamconf state show ADDRESS` and `show --json`.
///
/// Secrets are never printed: the text says `(sensitive)` where one exists and the JSON lists only
/// their names, so a state can be shown in a shared terminal or a CI log without leaking a key.
public enum StateRenderer {
    /// Every resource in address order, one block each (Terraform's `terraform show`).
    public static func text(_ state: State) -> String {
        let resources = state.sortedResources
        guard !resources.isEmpty else { return "The state is empty: iamconf manages no resources yet.\n" }
        return resources.map(resource).joined(separator: "\n")
    }

    /// One resource: `# ADDRESS:` and a block of its attributes, outputs and (hidden) secrets.
    public static func resource(_ r: ResourceState) -> String {
        let formatter = AttributeFormatter(nameColumn: 4, hasMarkers: false, style: TerminalStyle(isEnabled: false))
        let documents = r.type.documentAttributes
        var entries: [String: [String]] = ["account_id": [AttributeFormatter.scalar(.string(r.accountID))]]
        for (name, value) in r.attributes where value != .null {
            entries[name] = formatter.value(value, symbol: "", isDocument: documents.contains(name))
        }
        for (name, value) in r.outputs where entries[name] == nil { entries[name] = [AttributeFormatter.scalar(.string(value))] }
        for name in r.secrets.keys where entries[name] == nil { entries[name] = ["(sensitive)"] }
        if !r.dependencies.isEmpty {
            let items = r.dependencies.map { JSONValue.string($0.description) }
            entries["depends_on"] = formatter.value(.array(items), symbol: "", isDocument: false)
        }
        let width = entries.keys.map(\.count).max() ?? 0
        var out = "# \(TerminalStyle.printable(r.address.description)):\n"
        out += "resource \(AttributeFormatter.scalar(.string(r.type.rawValue))) \(AttributeFormatter.scalar(.string(r.address.description))) {\n"
        for name in entries.keys.sorted() {
            out += "    " + formatter.pad(name, width) + " = " + (entries[name] ?? []).joined(separator: "\n") + "\n"
        }
        return out + "}\n"
    }

    /// The state as JSON, format version `"1"`:
    ///
    /// ```
    /// { "format_version": "1", "lineage": string, "serial": number,
    ///   "backend": { "kind": string, "endpoint": string | null },
    ///   "resources": [ { "address", "type", "account_id", "attributes": {…}, "outputs": {…},
    ///                    "sensitive": [secret names], "dependencies": [addresses] } ] }
    /// ```
    ///
    /// Secret values are omitted; `sensitive` names the ones the state holds.
    public static func json(_ state: State) -> String {
        let resources = state.sortedResources.map { r in
            JSONValue.object([
                ("address", .string(r.address.description)),
                ("type", .string(r.type.rawValue)),
                ("account_id", .string(r.accountID)),
                ("attributes", PlanRenderer.sortedObject(r.attributes)),
                ("outputs", PlanRenderer.sortedObject(r.outputs)),
                ("sensitive", .array(r.secrets.keys.sorted().map(JSONValue.string))),
                ("dependencies", .array(r.dependencies.map { .string($0.description) })),
            ])
        }
        let document = JSONValue.object([
            ("format_version", .string("1")),
            ("lineage", .string(state.lineage)),
            ("serial", .number(String(state.serial))),
            ("backend", PlanRenderer.backendJSON(state.backend)),
            ("resources", .array(resources)),
        ])
        return document.prettyText() + "\n"
    }
}
