import IAMConfCore
import IAMConfPolicy

/// The dependency graph in Graphviz DOT (`iamconf graph | dot -Tsvg > graph.svg`).
///
/// One cluster per account, nodes labelled by address, and an edge from each resource to what it
/// depends on (Terraform's direction, so `rankdir = "RL"` puts foundations on the right).
/// Trust edges (who can assume which role, decided by the policy engine: `TrustGraph`) are drawn
/// too, bold blue and labelled "can assume", from the principal to the role, so they never read as
/// dependencies; principals that are no resource (a service, an outside account) are ellipses.
/// Everything is sorted, so the same configuration always gives byte-identical output.
public enum GraphRenderer {
    public static func dot(resources: [Resource], trustEdges: [TrustEdge] = []) -> String {
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
        out += trust(trustEdges, resources: Set(sorted.map(\.address.description)))
        return out + "}\n"
    }

    /// The trust edges, and a node for each end that is no resource of the graph.
    static func trust(_ trustEdges: [TrustEdge], resources: Set<String>) -> String {
        var nodes = Set<String>()
        var edges = Set<String>()
        for edge in trustEdges {
            let from = edge.from.address ?? edge.from.name
            let to = edge.to.address ?? edge.to.name
            for (end, principal) in [(from, edge.from), (to, edge.to)] where !resources.contains(end) {
                let label = "\(principal.name)\n\(principal.kindLabel)"
                nodes.insert("  \(quote(end)) [label = \(quote(label)), shape = \"ellipse\"];\n")
            }
            let label = edge.conditions.isEmpty ? "can assume" : "can assume (conditional)"
            edges.insert(
                "  \(quote(from)) -> \(quote(to)) [color = \"blue\", fontcolor = \"blue\", style = \"bold\", label = \(quote(label))];\n")
        }
        return nodes.sorted().joined() + edges.sorted().joined()
    }

    static func quote(_ text: String) -> String { DOT.quote(text) }
}
