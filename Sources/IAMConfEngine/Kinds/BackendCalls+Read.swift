import IAMConfCore

extension BackendCalls {
    /// One read's answer, typed as `IAMResponse.attributes` documents, with accessors that say
    /// what shape each attribute has (`a.strings("groups")`, `a.bool("login_profile")`). A value
    /// of another shape reads as absent: a kind never parses text to find a list or a flag.
    struct Read: Sendable {
        var attributes: [String: JSONValue]
        var unreported: Set<String>

        /// A name, ARN, date or document text; nil when absent.
        func string(_ name: String) -> String? { attributes[name]?.stringValue }

        /// A text as the state keeps it: `.null` when absent.
        func text(_ name: String) -> JSONValue { string(name).map(JSONValue.string) ?? .null }

        /// A text that is unset when empty as well as when absent (`description`, `permissions_boundary`).
        func nonEmptyText(_ name: String) -> JSONValue {
            guard let text = string(name), !text.isEmpty else { return .null }
            return .string(text)
        }

        /// A list of names or ARNs (`groups`, `policies`, `access_keys`); empty when absent.
        func strings(_ name: String) -> [String] { Values.strings(attributes[name]) }

        /// A map of strings (`statuses`, `create_dates` by access key id); empty when absent.
        func object(_ name: String) -> [String: String] {
            var result: [String: String] = [:]
            for member in attributes[name]?.objectValue ?? [] { result[member.key] = member.value.stringValue }
            return result
        }

        /// Tags as the state keeps them: an object sorted by key (how DesiredResources orders
        /// them), whatever order the backend listed them in; empty when absent.
        func tags(_ name: String) -> JSONValue {
            .object((attributes[name]?.objectValue ?? []).sorted { $0.key < $1.key })
        }

        /// A flag (`login_profile`, `require_symbols`); nil when absent.
        func bool(_ name: String) -> Bool? {
            if case let .bool(value)? = attributes[name] { return value }
            return nil
        }

        /// A whole number (`max_session_duration`); nil when absent or not a whole number.
        func int(_ name: String) -> Int? { Values.int(attributes[name]) }

        /// A policy document as the state keeps it (see `Values.document`); `.null` when absent.
        func document(_ name: String) -> JSONValue { Values.document(string(name)) }

        /// What the backend assigned: `arn`, `unique_id`, `create_date`.
        var identifiers: [String: String] {
            var outputs: [String: String] = [:]
            for key in ["arn", "unique_id", "create_date"] { outputs[key] = string(key) }
            return outputs
        }
    }
}
