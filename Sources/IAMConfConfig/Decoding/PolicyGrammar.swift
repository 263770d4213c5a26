import IAMConfCore
import IAMConfPolicy

/// Which rules a document is checked against: a trust policy needs a Principal, an identity
/// policy must not have one.
enum DocumentKind {
    case identity, trust, resource, boundary
}

/// The bridge to the policy engineer's grammar (`PolicyDocument.parse`): problems with a `path`
/// inside the document, which the decoder turns into line:column.
enum PolicyGrammar {
    static func diagnostics(for document: JSONValue, kind: DocumentKind) -> [Diagnostic] {
        // TODO(policy merge): replaced by PolicyDocument.parse once branch `policy` is merged.
        guard let members = document.objectValue else {
            return [.error("policy-not-object", "A policy document must be a JSON object", path: nil)]
        }
        if !members.contains(where: { $0.key == "Statement" }) {
            return [.error("policy-missing-statement", "A policy needs a Statement", path: nil)]
        }
        return []
    }

    /// IAM counts policy size in characters without whitespace.
    static func size(of document: JSONValue) -> Int {
        document.compactText().unicodeScalars.reduce(0) { $0 + ($1.properties.isWhitespace ? 0 : 1) }
    }
}
