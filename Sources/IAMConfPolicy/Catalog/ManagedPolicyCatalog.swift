import Foundation
import IAMConfCore

/// One AWS managed policy: what `arn:aws:iam::aws:policy/...` names and what it allows.
public struct AWSManagedPolicy: Sendable, Hashable {
    public var name: String
    /// `arn:aws:iam::aws:policy` + path + name.
    public var arn: String
    /// `/`, `/service-role/` or `/job-function/`.
    public var path: String
    /// The version AWS marks as default (`v1`, `v8`, …).
    public var defaultVersionID: String
    public var document: JSONValue

    public init(name: String, arn: String, path: String, defaultVersionID: String, document: JSONValue) {
        self.name = name
        self.arn = arn
        self.path = path
        self.defaultVersionID = defaultVersionID
        self.document = document
    }
}

/// The AWS managed policies iamconf knows, read once from the bundled `aws-managed-policies.json`.
///
/// The documents are AWS's published policies (extracted from the copy moto ships as data, see
/// docs/scripts/extract-managed-policies.py). The catalog is an immutable value, so one shared
/// instance is safe across tasks; lookups are case-sensitive, as IAM's are.
public struct ManagedPolicyCatalog: Sendable {
    public let policies: [AWSManagedPolicy]
    private let byName: [String: Int]
    private let byARN: [String: Int]

    public init(policies: [AWSManagedPolicy]) {
        self.policies = policies
        var byName: [String: Int] = [:]
        var byARN: [String: Int] = [:]
        for (index, policy) in policies.enumerated() {
            byName[policy.name] = byName[policy.name] ?? index
            byARN[policy.arn] = byARN[policy.arn] ?? index
        }
        self.byName = byName
        self.byARN = byARN
    }

    /// The catalog compiled into the binary (`bundledJSON`); empty, never a crash, were it unreadable.
    public static let shared: ManagedPolicyCatalog =
        (try? ManagedPolicyCatalog(jsonText: bundledJSON)) ?? ManagedPolicyCatalog(policies: [])

    /// Reads the catalog format: `{"policies": [{"name", "arn", "path", "defaultVersionId", "document"}]}`.
    public init(jsonText: String) throws(JSONParser.Failure) {
        let root = try JSONParser.parse(jsonText)
        var policies: [AWSManagedPolicy] = []
        for entry in root["policies"]?.arrayValue ?? [] {
            guard let name = entry["name"]?.stringValue, let arn = entry["arn"]?.stringValue,
                  let document = entry["document"] else { continue }
            policies.append(AWSManagedPolicy(
                name: name, arn: arn, path: entry["path"]?.stringValue ?? "/",
                defaultVersionID: entry["defaultVersionId"]?.stringValue ?? "v1", document: document))
        }
        self.init(policies: policies)
    }

    public func policy(named name: String) -> AWSManagedPolicy? { byName[name].map { policies[$0] } }
    public func policy(arn: String) -> AWSManagedPolicy? { byARN[arn].map { policies[$0] } }
    public var names: [String] { policies.map(\.name) }
}
