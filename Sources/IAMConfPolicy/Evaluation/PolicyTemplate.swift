/// A policy value that may contain policy variables (`${aws:username}`), compiled once.
///
/// Variables resolve only in documents with `Version: 2012-10-17`; elsewhere `${...}` is plain text.
/// `${key, 'default'}` supplies a default for a missing key; `${*}`, `${?}` and `${$}` stand for a
/// literal `*`, `?` and `$`. A variable whose key is missing and has no default makes the value
/// unusable: it matches nothing.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
struct PolicyTemplate: Sendable, Hashable {
    enum Piece: Sendable, Hashable {
        /// Text as written; in wildcard contexts its `*` and `?` are wildcards.
        case text(String)
        /// A literal character from `${*}`, `${?}` or `${$}`.
        case escaped(UInt8)
        /// `keyLower` is the lookup key; `key` is kept as written for missing-key reports.
        case variable(key: String, keyLower: String, defaultValue: String?)
    }

    var pieces: [Piece]
    var hasVariables: Bool { pieces.contains { if case .variable = $0 { return true } else { return false } } }
    var isPlain: Bool { pieces.count <= 1 && pieces.allSatisfy { if case .text = $0 { return true } else { return false } } }

    init(_ text: String, resolvesVariables: Bool) {
        guard resolvesVariables, text.contains("${") else {
            pieces = [.text(text)]
            return
        }
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let dollar = PolicyTemplate.variableStart(in: rest) {
            let bodyStart = rest.index(dollar, offsetBy: 2)
            guard let close = rest[bodyStart...].firstIndex(of: "}") else { break }
            if dollar > rest.startIndex { pieces.append(.text(String(rest[..<dollar]))) }
            pieces.append(PolicyTemplate.piece(rest[bodyStart..<close]))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
    }

    /// The index of the next `${` (no Foundation: the engine stays free of it).
    private static func variableStart(in text: Substring) -> Substring.Index? {
        var index = text.startIndex
        while let dollar = text[index...].firstIndex(of: "$") {
            let next = text.index(after: dollar)
            if next < text.endIndex, text[next] == "{" { return dollar }
            index = next
        }
        return nil
    }

    private static func piece(_ body: Substring) -> Piece {
        switch body {
        case "*": return .escaped(UInt8(ascii: "*"))
        case "?": return .escaped(UInt8(ascii: "?"))
        case "$": return .escaped(UInt8(ascii: "$"))
        default: break
        }
        var key = body
        var defaultValue: String?
        if let comma = body.firstIndex(of: ",") {
            key = body[..<comma]
            let tail = body[body.index(after: comma)...].trimmingSpaces()
            if tail.count >= 2, tail.first == "'", tail.last == "'" {
                defaultValue = String(tail.dropFirst().dropLast())
            } else {
                defaultValue = String(tail)
            }
        }
        let trimmed = String(key.trimmingSpaces())
        return .variable(key: trimmed, keyLower: trimmed.lowercased(), defaultValue: defaultValue)
    }

    /// The variable keys this value needs that the context lacks (and that have no default).
    func missingKeys(in context: RequestContext) -> [String] {
        pieces.compactMap {
            if case let .variable(key, lower, def) = $0, def == nil, context.values(forLowercasedKey: lower) == nil { return key }
            return nil
        }
    }

    /// A variable's value: only a key with exactly one value can stand in a policy variable.
    static func single(_ context: RequestContext, _ key: String) -> String? {
        guard let values = context.values(forLowercasedKey: key), values.count == 1 else { return nil }
        return values[0]
    }

    /// The value as literal text, or nil when a variable cannot be resolved.
    func resolveText(_ context: RequestContext) -> String? {
        if pieces.count == 1, case let .text(t) = pieces[0] { return t }
        var out = ""
        for piece in pieces {
            switch piece {
            case let .text(t): out += t
            case let .escaped(b): out.unicodeScalars.append(Unicode.Scalar(b))
            case let .variable(_, lower, def):
                guard let value = PolicyTemplate.single(context, lower) ?? def else { return nil }
                out += value
            }
        }
        return out
    }

    /// The value as a wildcard pattern, or nil when a variable cannot be resolved. Substituted
    /// values are literal: a `*` inside a user name is not a wildcard.
    func resolveGlob(_ context: RequestContext, caseInsensitive: Bool) -> Glob? {
        var tokens: [UInt16] = []
        for piece in pieces {
            switch piece {
            case let .text(t): tokens += Glob.tokens(t, wildcards: true)
            case let .escaped(b): tokens.append(UInt16(b))
            case let .variable(_, lower, def):
                guard let value = PolicyTemplate.single(context, lower) ?? def else { return nil }
                tokens += Glob.tokens(value, wildcards: false)
            }
        }
        return Glob(tokens: tokens, caseInsensitive: caseInsensitive)
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
