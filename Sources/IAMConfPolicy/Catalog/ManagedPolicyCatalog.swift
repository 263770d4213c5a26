import IAMConfCore

/// One AWS managed policy: what `arn:aws:iam::aws:policy/...` names and what it allows.
public struct AWSManagedPolicy: Sendable, Hashable {
    public var name: String
    /// `arn:aws:iam::aws:policy` + path + name.
    public var arn: String
    /// `/`, `/service-role/`, `/job-function/`, `/aws-service-role/` or `/root-task/`.
    public var path: String
    /// The version AWS marks as default (`v1`, `v8`, …).
    public var defaultVersionID: String
    /// The default version's document as compact JSON text, as the catalog stores it.
    public var documentText: String

    public init(name: String, arn: String, path: String, defaultVersionID: String, documentText: String) {
        self.name = name
        self.arn = arn
        self.path = path
        self.defaultVersionID = defaultVersionID
        self.documentText = documentText
    }

    public init(name: String, arn: String, path: String, defaultVersionID: String, document: JSONValue) {
        self.init(name: name, arn: arn, path: path, defaultVersionID: defaultVersionID, documentText: document.compactText())
    }

    /// The document, parsed now: a lookup does not parse it, so asking for a policy stays cheap.
    /// `null` were the text unreadable (a test parses every bundled document).
    public var document: JSONValue { (try? JSONParser.parse(documentText)) ?? .null }
}

/// The AWS managed policies iamconf knows: every one AWS publishes, from the bundled catalog.
///
/// The documents are AWS's published policies (extracted from the copy moto ships as data, see
/// docs/scripts/extract-managed-policies.py). The catalog is an immutable value, so one shared
/// instance is safe across tasks; lookups are case-sensitive, as IAM's are. Looking a policy up
/// reads an index; only `AWSManagedPolicy.document` parses a document.
public struct ManagedPolicyCatalog: Sendable {
    private enum Source: Sendable {
        /// The compiled-in catalog, indexed on first lookup (`CatalogIndex.bundled`).
        case bundled
        case indexed(CatalogIndex)
    }

    private let source: Source

    private var index: CatalogIndex {
        switch source {
        case .bundled: return CatalogIndex.bundled
        case let .indexed(index): return index
        }
    }

    /// The catalog compiled into the binary (`bundledJSON`). Cheap to name: nothing is read until a
    /// lookup, so a configuration that uses no AWS managed policy never indexes it.
    public static let shared = ManagedPolicyCatalog(source: .bundled)

    private init(source: Source) { self.source = source }

    public init(policies: [AWSManagedPolicy]) {
        // Written in the catalog's own line layout, so a catalog built in a test reads like the bundled one.
        var lines = ["{\"policies\":["]
        for policy in policies {
            lines.append(#"{"name":"\#(policy.name)","path":"\#(policy.path)","defaultVersionId":"\#(policy.defaultVersionID)","document":\#(policy.documentText)},"#)
        }
        lines.append("]}")
        source = .indexed(CatalogIndex(lines: lines.joined(separator: "\n")))
    }

    /// Reads the catalog format in any layout: `{"policies": [{"name", "path", "defaultVersionId", "document"}]}`
    /// (an `arn` member is ignored: it follows from the path and name).
    public init(jsonText: String) throws(JSONParser.Failure) {
        let root = try JSONParser.parse(jsonText)
        var policies: [AWSManagedPolicy] = []
        for entry in root["policies"]?.arrayValue ?? [] {
            guard let name = entry["name"]?.stringValue, let document = entry["document"] else { continue }
            let path = entry["path"]?.stringValue ?? "/"
            policies.append(AWSManagedPolicy(
                name: name, arn: "arn:aws:iam::aws:policy\(path)\(name)", path: path,
                defaultVersionID: entry["defaultVersionId"]?.stringValue ?? "v1", document: document))
        }
        self.init(policies: policies)
    }

    public func policy(named name: String) -> AWSManagedPolicy? { index.entry(named: name).map(policy) }
    public func policy(arn: String) -> AWSManagedPolicy? { index.entry(arn: arn).map(policy) }

    /// Whether AWS publishes a managed policy with this ARN; reads no document.
    public func contains(arn: String) -> Bool { index.entry(arn: arn) != nil }

    public var count: Int { index.entries.count }
    public var names: [String] { index.entries.map(\.name) }
    public var arns: [String] { index.entries.map(\.arn) }

    /// Every policy, in catalog order (documents still parsed only when asked for).
    public var policies: [AWSManagedPolicy] { index.entries.map(policy) }

    private func policy(_ entry: CatalogIndex.Entry) -> AWSManagedPolicy {
        AWSManagedPolicy(
            name: entry.name, arn: entry.arn, path: entry.path, defaultVersionID: entry.defaultVersionID,
            documentText: index.documentText(of: entry))
    }
}
