import IAMConfCore

/// The text and JSON views of a who-can answer (`iamconf who-can`).
extension WhoCanAnswer {
    public var headline: String {
        let count = callers.count
        return "\(count) principal\(count == 1 ? "" : "s") can \(action) on \(resource)"
    }

    /// The headline, then one block per principal: its chain, step by step, with the statements
    /// that allow each step and the conditions it needs.
    public func text() -> String {
        var lines = [headline]
        for chain in callers {
            lines.append("")
            var title = "\(chain.principal.name) (\(chain.principal.kindLabel))"
            if !chain.hops.isEmpty { title += " through " + chain.hops.map(\.to.name).joined(separator: " -> ") }
            lines.append(title + ReachRendering.when(chain.conditions))
            for (number, hop) in chain.hops.enumerated() {
                lines.append("  \(number + 1). \(hop.from.name) assumes \(hop.to.name) (\(hop.action))\(ReachRendering.when(hop.conditions))")
                lines += ReachRendering.reasonLines(hop.hop, indent: "       ")
            }
            let number = chain.hops.count + 1
            lines.append("  \(number). \(chain.actor.name): \(action)\(ReachRendering.when(chain.request.conditions))")
            lines += ReachRendering.reasonLines(chain.request, indent: "       ")
        }
        lines += notes.map { "note: " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: JSONValue {
        .object([
            ("action", .string(action)),
            ("resource", .string(resource)),
            ("count", .number(String(callers.count))),
            ("principals", .array(callers.map(\.json))),
            ("notes", .array(notes.map(JSONValue.string))),
        ])
    }
}

extension CallerChain {
    var json: JSONValue {
        var principal = ReachRendering.json(self.principal)
        if case let .object(members) = principal {
            principal = .object(members + [
                ("conditional", .bool(isConditional)),
                ("conditions", .array(conditions.map(ReachRendering.json))),
                ("through", .array(hops.map { JSONValue.string($0.to.name) })),
                ("hops", .array(hops.map(ReachRendering.json))),
                ("request", ReachRendering.json(request)),
            ])
        }
        return principal
    }
}
