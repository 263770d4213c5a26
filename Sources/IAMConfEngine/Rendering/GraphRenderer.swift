import IAMConfCore

/// The dependency graph in Graphviz DOT (`iamconf graph | dot -Tsvg > graph.svg`).
///
/// One cluster per account, nodes labelled by address, and an edge from each resource to what it
/// depends on (Terraform's direction, so `rankdir = "RL"` puts foundations on the right).
/// Everything is sorted, so the same configuration always gives byte-identical output.
public enum GraphRenderer {
    public static func dot(resources: [Resource]) -> String {
        let sorted = resources.sorted { $0.address < $1.address }
        var out = "digraph iamconf {\n"
        out += "  compound = \"true\";\n"
        out += "  newrank = \"true\";\n"
        out += "  rankdir = \"RL\";\n"
        out += "  node [shape = \"box\"];\n"
        let byAccount = Dictionary(grouping: sorted, by: \.address.account)
        for account in byAccount.keys.sorted() {
            let members = byAccount[account] ?? []
            let ids = Set(members.map(\.accountID)).sorted()
            let label = ids.isEmpty ? account : "\(account) (\(ids.joined(separator: ", ")))"
            out += "  subgraph \(quote("cluster_" + account)) {\n"
            out += "    label = \(quote(label));\n"
            for resource in members {
                let address = resource.address.description
                out += "    \(quote(address)) [label = \(quote(address))];\n"
            }
            out += "  }\n"
        }
        var edges = Set<String>()
        for resource in sorted {
            for dependency in resource.dependencies {
                edges.insert("  \(quote(resource.address.description)) -> \(quote(dependency.description));\n")
            }
            // Trust that closes a cycle: the role is made first with a placeholder trust.
            for dependency in resource.deferredDependencies {
                edges.insert("  \(quote(resource.address.description)) -> \(quote(dependency.description)) [style = \"dashed\", label = \"trust\"];\n")
            }
        }
        out += edges.sorted().joined()
        return out + "}\n"
    }

    /// A DOT quoted string: only `"` and `\` need escaping, and newlines are kept out.
    static func quote(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
