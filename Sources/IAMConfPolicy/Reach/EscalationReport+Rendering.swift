import IAMConfCore

/// The text, JSON and Graphviz views of `iamconf paths`.
extension EscalationReport {
    public func text() -> String {
        var lines = ["Trust graph: \(trustEdges.count) edge\(trustEdges.count == 1 ? "" : "s") (who can become whom)"]
        for edge in trustEdges {
            lines.append("  \(edge.from.name) -> \(edge.to.name) (\(edge.action))\(ReachRendering.when(edge.conditions))")
            lines += ReachRendering.reasonLines(edge.hop, indent: "    ")
        }
        lines.append("")
        lines.append("Administrator-equivalent principals (allowed * on *): \(administrators.count)")
        for admin in administrators {
            lines.append("  \(admin.principal.name) (\(admin.principal.kindLabel))\(ReachRendering.when(admin.access.conditions))")
            lines += ReachRendering.reasonLines(admin.access, indent: "    ")
        }
        lines.append("")
        if paths.isEmpty {
            lines.append("No privilege escalation: no user or role that is not an administrator can reach administrator-equivalent access.")
        } else {
            let count = paths.count
            lines.append("Privilege escalation: \(count) principal\(count == 1 ? "" : "s") can reach administrator-equivalent access")
            for path in paths { lines += pathLines(path) }
        }
        lines += notes.map { "note: " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    private func pathLines(_ path: EscalationPath) -> [String] {
        let end = path.administrator.map { "administrator \($0.principal.name)" } ?? "administrator-equivalent access"
        let count = path.edges.count
        var lines = ["  \(path.principal.name) (\(path.principal.kindLabel)) -> \(end) in \(count) step\(count == 1 ? "" : "s")\(ReachRendering.when(path.conditions))"]
        for (number, edge) in path.edges.enumerated() {
            let subject = edge.subject.map { " on \($0)" } ?? ""
            lines.append("    \(number + 1). \(edge.from.name) -> \(edge.targetName): \(edge.method.title)\(subject)\(ReachRendering.when(edge.conditions))")
            lines.append("       (\(edge.method.knownAs))")
            for grant in edge.grants {
                lines.append("       \(grant.step.callerName): \(grant.step.action) on \(grant.step.resource)")
                lines += ReachRendering.reasonLines(grant, indent: "         ")
            }
        }
        return lines
    }

    public var json: JSONValue {
        .object([
            ("trustEdges", .array(trustEdges.map(ReachRendering.json))),
            ("administrators", .array(administrators.map { admin in
                .object([("principal", ReachRendering.json(admin.principal)), ("access", ReachRendering.json(admin.access))])
            })),
            ("escalationPaths", .array(paths.map(\.json))),
            ("hasEscalation", .bool(hasEscalation)),
            ("notes", .array(notes.map(JSONValue.string))),
        ])
    }

    /// Graphviz: trust edges dashed ("can assume"), escalation edges red with their method,
    /// administrators and administrator-equivalent access drawn as targets.
    public func dot() -> String {
        var out = "digraph iamconf_paths {\n  rankdir = \"LR\";\n  node [shape = \"box\"];\n"
        let admin = "administrator-equivalent access"
        out += "  \(ReachRendering.quote(admin)) [shape = \"doubleoctagon\", color = \"red\"];\n"
        var nodes: [String: ReachPrincipal] = [:]
        for edge in trustEdges { nodes[edge.from.name] = edge.from; nodes[edge.to.name] = edge.to }
        for edge in edges where edge.method != .assumeRole {
            nodes[edge.from.name] = edge.from
            if case let .principal(to) = edge.to { nodes[to.name] = to }
        }
        let admins = Set(administrators.map(\.principal.name))
        for name in nodes.keys.sorted() {
            guard let principal = nodes[name] else { continue }
            var attributes = ["label = \(ReachRendering.quote("\(name)\n\(principal.kindLabel)"))"]
            if principal.kind != .user, principal.kind != .role { attributes.append("shape = \"ellipse\"") }
            if admins.contains(name) { attributes += ["color = \"red\"", "penwidth = \"2\""] }
            out += "  \(ReachRendering.quote(name)) [\(attributes.joined(separator: ", "))];\n"
        }
        var lines = Set<String>()
        for edge in trustEdges {
            let label = "can assume" + (edge.conditions.isEmpty ? "" : " (conditional)")
            lines.insert("  \(ReachRendering.quote(edge.from.name)) -> \(ReachRendering.quote(edge.to.name)) [style = \"dashed\", label = \(ReachRendering.quote(label))];\n")
        }
        for edge in edges where edge.method != .assumeRole {
            lines.insert("  \(ReachRendering.quote(edge.from.name)) -> \(ReachRendering.quote(edge.targetName)) [color = \"red\", label = \(ReachRendering.quote(edge.method.title))];\n")
        }
        return out + lines.sorted().joined() + "}\n"
    }
}

extension EscalationPath {
    var json: JSONValue {
        .object([
            ("principal", ReachRendering.json(principal)),
            ("reaches", .string(administrator?.principal.name ?? "administrator-equivalent access")),
            ("conditions", .array(conditions.map(ReachRendering.json))),
            ("steps", .array(edges.map(\.json))),
        ])
    }
}

extension EscalationEdge {
    var json: JSONValue {
        .object([
            ("from", .string(from.name)),
            ("to", .string(targetName)),
            ("method", .string(method.title)),
            ("knownAs", .string(method.knownAs)),
            ("subject", subject.map(JSONValue.string) ?? .null),
            ("conditions", .array(conditions.map(ReachRendering.json))),
            ("requests", .array(grants.map(ReachRendering.json))),
        ])
    }
}
