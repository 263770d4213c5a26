import IAMConfCore
import Yams

/// `user_templates:` and `role_templates:`: named sets of settings that users and roles take with
/// `template: NAME`, so fifty engineers need not repeat their groups, tags and login settings.
///
/// A template is expanded into each entity's mapping before anything else reads it, so every
/// later check sees an ordinary user or role. Settings written on the entity win over the
/// template's; `tags` are merged key by key (the entity's value wins). Merged values keep their
/// own nodes, so a problem in a template's value points at the template's line. A template is
/// visible in the file that declares it, which keeps every such location in one file.
struct Templates {
    struct Template {
        var name: String
        var key: Node
        var pairs: [(key: Node, value: Node)]
    }

    var byKind: [EntityKind: [String: Template]] = [:]

    /// The account keys declaring templates, and the kind each one serves.
    static let declarations: [(key: String, kind: EntityKind, keys: [String])] = [
        // A former name belongs to one object, never to a set of them.
        ("user_templates", .users, ConfigurationKeys.user.filter { $0 != "template" && $0 != "renamed_from" }),
        ("role_templates", .roles, ConfigurationKeys.role.filter { $0 != "template" && $0 != "renamed_from" }),
    ]
}

extension ConfigurationDecoder {
    /// The templates one account fragment declares, each checked once against the keys of its kind.
    mutating func collectTemplates(_ accountFields: Fields, account: String) -> Templates {
        var templates = Templates()
        for (key, kind, keys) in Templates.declarations {
            guard let node = accountFields[key] else { continue }
            for (name, nameNode, value) in namedEntries(node, what: "\(key) of account '\(account)'") {
                if templates.byKind[kind]?[name] != nil {
                    let first = templates.byKind[kind]?[name]?.key.mark?.line ?? 0
                    error("duplicate-name", "\(kind.singular) template '\(name)' is defined twice in account '\(account)'",
                          hint: "the first definition is at \(file):\(first); rename or remove one", at: nameNode)
                    continue
                }
                var pairs: [(key: Node, value: Node)] = []
                if !value.isNull, let checked = fields(value, keys: keys, what: "\(kind.singular) template '\(name)'") {
                    if case let .mapping(mapping) = value {
                        pairs = mapping.filter { checked.has($0.key.scalar?.string ?? "") }.map { ($0.key, $0.value) }
                    }
                }
                templates.byKind[kind, default: [:]][name] = Templates.Template(name: name, key: nameNode, pairs: pairs)
            }
        }
        return templates
    }

    /// The entity's mapping with its template's settings filled in; the value unchanged when it
    /// names no template (or an unknown one, which is reported at the name).
    mutating func expandingTemplate(_ value: Node, kind: EntityKind, templates: Templates, address: String) -> Node {
        guard case let .mapping(mapping) = value, let nameNode = mapping.value(forKey: "template") else { return value }
        guard let name = string(nameNode, what: "template") else { return value }
        let known = templates.byKind[kind] ?? [:]
        guard let template = known[name] else {
            let declaration = kind == .users ? "user_templates" : "role_templates"
            error("unknown-template", "no \(kind.singular) template named '\(name)' in this file",
                  hint: EditDistance.hint(for: name, in: known.keys.sorted())
                      ?? "declare it under \(declaration): in this file (a template is visible in the file that declares it)",
                  at: nameNode, address: address)
            return value
        }
        var pairs = mapping.map { (key: $0.key, value: $0.value) }
        let written = Set(pairs.compactMap { $0.key.scalar?.string })
        for pair in template.pairs {
            let key = pair.key.scalar?.string ?? ""
            if !written.contains(key) {
                pairs.append(pair)
            } else if key == "tags", let index = pairs.firstIndex(where: { $0.key.scalar?.string == "tags" }) {
                pairs[index].value = Self.mergedTags(pairs[index].value, template: pair.value)
            }
        }
        return .mapping(Node.Mapping(pairs.map { ($0.key, $0.value) }, mapping.tag, mapping.style, mapping.mark))
    }

    /// The entity's tags plus the template's tags it does not set (IAM tag keys ignore case).
    private static func mergedTags(_ own: Node, template: Node) -> Node {
        guard case let .mapping(ownTags) = own, case let .mapping(templateTags) = template else { return own }
        let taken = Set(ownTags.compactMap { $0.key.scalar?.string.lowercased() })
        var pairs = ownTags.map { ($0.key, $0.value) }
        for (key, value) in templateTags where !taken.contains(key.scalar?.string.lowercased() ?? "") {
            pairs.append((key, value))
        }
        return .mapping(Node.Mapping(pairs, ownTags.tag, ownTags.style, ownTags.mark))
    }
}
