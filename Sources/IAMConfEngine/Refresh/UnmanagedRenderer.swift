import IAMConfCore
import IAMConfState

/// The "Objects not in the configuration" section that `plan --refresh` and `refresh` print after
/// the drift, and its JSON.
public enum UnmanagedRenderer {
    /// One line per object, grouped by account (`?` reported, `-` deleted by the plan), and what to
    /// do about them; empty when there are none.
    public static func text(_ report: UnmanagedReport, color: Bool) -> String {
        guard !report.isEmpty else { return "" }
        let style = TerminalStyle(isEnabled: color)
        var out = style.bold("Objects not in the configuration:") + "\n\n"
        let byAccount = Dictionary(grouping: report.objects) { $0.address.account }
        var additive = false
        var exclusive = false
        for account in byAccount.keys.sorted() {
            let objects = byAccount[account] ?? []
            let ownership = objects.first?.ownership ?? .additive
            let id = objects.first?.resource.accountID ?? ""
            out += "  account \(TerminalStyle.printable(account)) (\(id)), ownership: \(ownership.rawValue)\n"
            for object in objects {
                let marker = ownership == .exclusive ? style.symbol("-") : style.symbol("?")
                out += "    \(marker) \(TerminalStyle.printable(object.summary)) [\(TerminalStyle.printable(object.address.description))]\n"
            }
            if ownership == .exclusive { exclusive = true } else { additive = true }
        }
        out += "\n"
        if additive {
            out += "iamconf leaves these alone (ownership: additive). To manage one, declare it in the configuration and "
                + "run `iamconf import ADDRESS ID`; to have iamconf remove them, set `ownership: exclusive` on the account.\n"
        }
        if exclusive {
            out += "The account is `ownership: exclusive`: the plan deletes these (not in the configuration). Declare any you "
                + "want to keep. AWS-owned objects (service-linked roles, AWS managed policies) are never touched.\n"
        }
        return out + "\n"
    }

    /// The report as JSON: `[{"address", "type", "account_id", "ownership", "action": "report"|"delete", "summary"}]`.
    public static func jsonValue(_ report: UnmanagedReport) -> JSONValue {
        .array(report.objects.map { object in
            .object([
                ("address", .string(object.address.description)),
                ("type", .string(object.type.rawValue)),
                ("account_id", .string(object.resource.accountID)),
                ("ownership", .string(object.ownership.rawValue)),
                ("action", .string(object.ownership == .exclusive ? "delete" : "report")),
                ("summary", .string(object.summary)),
            ])
        })
    }

    /// Adds `"unmanaged_objects"` to a JSON document (`plan --json`, `refresh --json`).
    public static func adding(_ report: UnmanagedReport?, to document: String) -> String {
        guard let report, case var .object(members)? = try? JSONParser.parse(document) else { return document }
        members.append(("unmanaged_objects", jsonValue(report)))
        return JSONValue.object(members).prettyText() + "\n"
    }
}
