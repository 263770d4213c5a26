import IAMConfCore
import IAMConfPolicy

/// Where the configuration wrote each policy document's statements, for the decision log's
/// `file:line:column` of a deciding statement.
///
/// The world keeps documents, not where they were written, so `iamconf serve` is handed this map,
/// built from the configuration it was started with. A location is given only while the world's
/// document still equals the declared one (canonically, statement order kept): a document changed
/// through the endpoint has statements the configuration never wrote, and gets none.
public struct DeclaredPolicies: Sendable {
    /// Which document of an account: the world and the configuration name it alike.
    public struct Place: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            case userInline, groupInline, roleInline, roleTrust, managedPolicy, bucketPolicy
        }

        public var account: String
        public var kind: Kind
        /// The user, group, role, managed policy or bucket.
        public var owner: String
        /// The inline policy's name; empty for the others.
        public var name: String

        public init(account: String, kind: Kind, owner: String, name: String = "") {
            self.account = account
            self.kind = kind
            self.owner = owner
            self.name = name
        }
    }

    /// A declared document: its canonical form (to compare) and where each statement starts.
    struct Declared: Sendable {
        var canonical: JSONValue
        var statementLocations: [SourceLocation?]
    }

    private var documents: [Place: Declared] = [:]

    /// No locations at all (a server started without a configuration).
    public init() {}

    /// Every policy document `configuration` declares, by account id.
    public init(configuration: Configuration) {
        var documents: [Place: Declared] = [:]
        for account in configuration.accounts {
            func add(_ kind: Place.Kind, _ owner: String, _ source: PolicySource?, name: String = "") {
                guard let source, !source.statementLocations.isEmpty else { return }
                documents[Place(account: account.id, kind: kind, owner: owner, name: name)] = Declared(
                    canonical: PolicyDocument.canonicalJSON(source.document), statementLocations: source.statementLocations)
            }
            for user in account.users {
                for policy in user.inlinePolicies { add(.userInline, user.name, policy.document, name: policy.name) }
            }
            for group in account.groups {
                for policy in group.inlinePolicies { add(.groupInline, group.name, policy.document, name: policy.name) }
            }
            for role in account.roles {
                add(.roleTrust, role.name, role.trustPolicy)
                for policy in role.inlinePolicies { add(.roleInline, role.name, policy.document, name: policy.name) }
            }
            for policy in account.policies { add(.managedPolicy, policy.name, policy.document) }
            for bucket in account.buckets { add(.bucketPolicy, bucket.name, bucket.policy) }
        }
        self.documents = documents
    }

    public var isEmpty: Bool { documents.isEmpty }

    /// `document` (as the world holds it) with its statements' locations when it still equals what
    /// the configuration declares at `place`; unchanged otherwise.
    func located(_ document: PolicySource, at place: Place) -> PolicySource {
        guard let declared = documents[place], PolicyDocument.canonicalJSON(document.document) == declared.canonical else {
            return document
        }
        var located = document
        located.statementLocations = declared.statementLocations
        return located
    }
}
