import IAMConfCore
import Yams

/// `${accounts.NAME…}` references inside any string.
///
/// Anything else in `${…}` is an IAM policy variable (`${aws:username}`, `${saml:sub}`, `${*}`,
/// `${?}`, `${$}`) and stays exactly as written, since IAM itself substitutes those at request time.
extension ConfigurationDecoder {
    mutating func interpolate(_ text: String, at node: Node) -> String {
        // The byte check first: `contains` on a String goes through Foundation's search.
        guard text.utf8.contains(UInt8(ascii: "$")), text.contains("${accounts.") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
            let inner = String(rest[start.upperBound..<end])
            if inner.hasPrefix("accounts.") {
                let offset = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: start.lowerBound)
                result += resolveReference(inner, at: referenceLocation(node, offset: offset)) ?? "${\(inner)}"
            } else {
                result += "${\(inner)}"
            }
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    /// The `${` itself when the scalar is on one line, so the caret points at the reference.
    private func referenceLocation(_ node: Node, offset: Int) -> SourceLocation {
        var place = location(node)
        guard case let .scalar(scalar) = node, !scalar.string.contains("\n") else { return place }
        switch scalar.style {
        case .plain: place.column += offset
        case .singleQuoted, .doubleQuoted: place.column += offset + 1
        default: break
        }
        return place
    }

    /// The value of one reference (`accounts.target.roles.S3Access.arn`), or nil after reporting why not.
    mutating func resolveReference(_ expression: String, at place: SourceLocation) -> String? {
        let body = expression.dropFirst("accounts.".count)
        let accountName = String(body.prefix { $0 != "." })
        guard let account = symbols.account(named: accountName) else {
            diagnostics.append(.error("unknown-reference", "no account named '\(accountName)' for ${\(expression)}",
                                      hint: EditDistance.hint(for: accountName, in: symbols.accountNames), at: place))
            return nil
        }
        let afterAccount = body.dropFirst(accountName.count + 1)
        switch afterAccount {
        case "id": return account.id.isEmpty ? nil : account.id
        case "name": return account.name
        case "alias":
            if let alias = account.alias { return alias }
            diagnostics.append(.error("unknown-reference", "account '\(account.name)' has no alias", hint: "add alias: to the account", at: place))
            return nil
        default: break
        }
        let kindName = String(afterAccount.prefix { $0 != "." })
        let remainder = afterAccount.dropFirst(kindName.count + 1)
        guard let kind = EntityKind(rawValue: kindName), let dot = remainder.lastIndex(of: ".") else {
            let choices = ["id", "alias", "name"] + EntityKind.allCases.map(\.rawValue)
            diagnostics.append(.error("invalid-reference", "cannot understand ${\(expression)}",
                                      hint: EditDistance.hint(for: kindName, in: choices)
                                        ?? "write ${accounts.NAME.id} or ${accounts.NAME.KIND.ENTITY.arn}, KIND being one of \(EntityKind.allCases.map(\.rawValue).joined(separator: ", "))",
                                      at: place))
            return nil
        }
        let entityName = String(remainder[..<dot])
        let attribute = String(remainder[remainder.index(after: dot)...])
        guard let entry = entity(kind, named: entityName, in: account, expression: expression, at: place) else { return nil }
        switch attribute {
        case "arn": return entry.arn
        case "name": return entry.name
        default:
            diagnostics.append(.error("invalid-reference", "'\(attribute)' is not an attribute a reference can read",
                                      hint: "use .arn or .name", at: place))
            return nil
        }
    }

    /// Finds an entity, reporting a wrong kind (a role named where a user is expected) or a typo.
    mutating func entity(_ kind: EntityKind, named name: String, in account: AccountSymbols, expression: String, at place: SourceLocation) -> EntityEntry? {
        if let entry = account.table(kind).entry(named: name) { return entry }
        if let other = EntityKind.allCases.first(where: { $0 != kind && account.table($0).entry(named: name) != nil }) {
            diagnostics.append(.error("wrong-reference-kind", "'\(name)' in account '\(account.name)' is a \(other.singular.replacingUnderscores), not a \(kind.singular.replacingUnderscores)",
                                      hint: "write ${accounts.\(account.name).\(other.rawValue).\(name).arn} (or .name)", at: place))
            return nil
        }
        // Trust shorthands name entities by address (source.user.alice), not with ${…}: show what was written.
        let written = expression.hasPrefix("accounts.") ? "${\(expression)}" : "'\(expression)'"
        diagnostics.append(.error("unknown-reference", "no \(kind.singular.replacingUnderscores) named '\(name)' in account '\(account.name)' (\(written))",
                                  hint: EditDistance.hint(for: name, in: account.table(kind).names), at: place))
        return nil
    }
}
