import IAMConfCore
import IAMConfOperations

/// Renders `iamconf output`: Terraform's `terraform output` shapes, keyed by resource address.
///
/// Values are quoted as JSON strings in the text form, so a name with a space or a control
/// character cannot break a line or reach the terminal raw; `--raw` gives one value exactly.
enum OutputRenderer {
    /// Every resource as `ADDRESS = { name = "value" ... }`, one resource's as `name = "value"`
    /// lines, one value as `"value"`.
    static func text(_ selection: OutputSelection) -> String {
        switch selection {
        case let .all(resources):
            return resources.map { resource in
                "\(quotedIfNeeded(resource.address.description)) = {\n" + lines(resource.values, indent: "  ") + "}\n"
            }.joined()
        case let .resource(resource):
            return lines(resource.values, indent: "")
        case let .value(_, value):
            return quoted(value.value) + "\n"
        }
    }

    /// `--json`: an object keyed by address (of objects keyed by output name), one resource's
    /// object, or one JSON string.
    static func json(_ selection: OutputSelection) -> String {
        let document: JSONValue
        switch selection {
        case let .all(resources):
            document = .object(resources.map { ($0.address.description, object($0.values)) })
        case let .resource(resource):
            document = object(resource.values)
        case let .value(_, value):
            document = .string(value.value)
        }
        return document.prettyText() + "\n"
    }

    private static func object(_ values: [OutputValue]) -> JSONValue {
        .object(values.map { ($0.name, .string($0.value)) })
    }

    private static func lines(_ values: [OutputValue], indent: String) -> String {
        let width = values.map(\.name.count).max() ?? 0
        return values.map { value in
            let padding = String(repeating: " ", count: width - value.name.count)
            // A hidden secret is shown bare, as Terraform shows `(sensitive value)`: it is not a value.
            let shown = value.isSensitive && value.value == OutputOperation.sensitivePlaceholder ? value.value : quoted(value.value)
            return "\(indent)\(value.name)\(padding) = \(shown)\n"
        }.joined()
    }

    private static func quoted(_ text: String) -> String {
        JSONValue.string(text).compactText()
    }

    /// Addresses are printed bare unless they hold something a terminal should not see raw.
    private static func quotedIfNeeded(_ text: String) -> String {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && $0 != "\"" } ? text : quoted(text)
    }
}
