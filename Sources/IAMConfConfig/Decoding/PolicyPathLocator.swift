import Yams

/// Maps a path inside a policy document (`Statement[1].Condition.StringEquals.aws:username`) to
/// the YAML or JSON node written there.
///
/// Condition keys may contain dots (`token.actions.githubusercontent.com:aud`), so at each mapping
/// the longest key that prefixes the rest of the path wins. A path into something missing stops at
/// the deepest node that exists (a missing `Effect` points at its statement).
enum PolicyPathLocator {
    /// With `value`, a path ending at a key gives the value written there (a misspelt `Effect`
    /// value) rather than the key (an unknown element name).
    static func node(at path: String, in root: Node, value: Bool = false) -> Node {
        var node = root
        var rest = Substring(path)
        while !rest.isEmpty {
            if rest.hasPrefix(".") { rest = rest.dropFirst() }
            if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]) else { break }
                rest = rest[rest.index(after: close)...]
                if case let .sequence(items) = node {
                    guard index >= 0, index < items.count else { break }
                    node = items[index]
                } else if index != 0 {
                    break
                }
                continue
            }
            guard case let .mapping(mapping) = node, let match = longestKey(in: mapping, prefixing: rest) else { break }
            rest = rest.dropFirst(match.length)
            node = rest.isEmpty && !value ? match.key : match.value
        }
        return node
    }

    private static func longestKey(in mapping: Node.Mapping, prefixing rest: Substring) -> (key: Node, value: Node, length: Int)? {
        var best: (key: Node, value: Node, length: Int)?
        for (key, value) in mapping {
            guard let name = key.scalar?.string, rest.hasPrefix(name) else { continue }
            let after = rest.dropFirst(name.count)
            guard after.isEmpty || after.hasPrefix(".") || after.hasPrefix("[") else { continue }
            if name.count > (best?.length ?? -1) { best = (key, value, name.count) }
        }
        return best
    }
}
