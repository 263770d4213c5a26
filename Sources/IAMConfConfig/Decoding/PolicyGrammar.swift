import IAMConfCore
import IAMConfPolicy

/// The bridge to the policy grammar (`PolicyDocument.parse` in IAMConfPolicy): problems come back
/// with a `path` inside the document, which the decoder turns into line:column.
enum PolicyGrammar {
    static func diagnostics(for document: JSONValue, kind: PolicyKind) -> [Diagnostic] {
        PolicyDocument.parse(document, kind: kind).diagnostics + PolicyCatalogCheck.diagnostics(for: document)
    }

    /// IAM counts policy size in characters without whitespace (outside strings).
    static func size(of document: JSONValue) -> Int {
        PolicySize.measure(document)
    }
}
